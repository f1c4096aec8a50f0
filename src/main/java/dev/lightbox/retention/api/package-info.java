@NullMarked
package dev.lightbox.retention.api;

import org.jspecify.annotations.NullMarked;

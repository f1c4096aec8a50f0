@NullMarked
package dev.lightbox.sync.api;

import org.jspecify.annotations.NullMarked;

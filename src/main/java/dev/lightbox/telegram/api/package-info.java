@NullMarked
package dev.lightbox.telegram.api;

import org.jspecify.annotations.NullMarked;

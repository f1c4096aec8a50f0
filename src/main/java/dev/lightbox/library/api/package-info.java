@NullMarked
package dev.lightbox.library.api;

import org.jspecify.annotations.NullMarked;

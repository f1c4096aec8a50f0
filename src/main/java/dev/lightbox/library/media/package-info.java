@NullMarked
package dev.lightbox.library.media;

import org.jspecify.annotations.NullMarked;

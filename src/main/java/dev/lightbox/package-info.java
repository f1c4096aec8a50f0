@NullMarked
package dev.lightbox;

import org.jspecify.annotations.NullMarked;

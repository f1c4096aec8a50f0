@NullMarked
package dev.lightbox.library.ui;

import org.jspecify.annotations.NullMarked;

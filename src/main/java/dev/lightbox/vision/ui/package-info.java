@NullMarked
package dev.lightbox.vision.ui;

import org.jspecify.annotations.NullMarked;

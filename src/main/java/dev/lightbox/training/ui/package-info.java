@NullMarked
package dev.lightbox.training.ui;

import org.jspecify.annotations.NullMarked;

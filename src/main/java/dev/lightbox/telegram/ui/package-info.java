@NullMarked
package dev.lightbox.telegram.ui;

import org.jspecify.annotations.NullMarked;

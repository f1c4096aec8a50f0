@NullMarked
package dev.lightbox.skin.ui;

import org.jspecify.annotations.NullMarked;

@NullMarked
package dev.lightbox.scoring.ui;

import org.jspecify.annotations.NullMarked;

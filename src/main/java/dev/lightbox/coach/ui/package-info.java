@NullMarked
package dev.lightbox.coach.ui;

import org.jspecify.annotations.NullMarked;

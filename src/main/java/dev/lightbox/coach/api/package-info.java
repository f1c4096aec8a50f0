@NullMarked
package dev.lightbox.coach.api;

import org.jspecify.annotations.NullMarked;

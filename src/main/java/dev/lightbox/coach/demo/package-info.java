@NullMarked
package dev.lightbox.coach.demo;

import org.jspecify.annotations.NullMarked;

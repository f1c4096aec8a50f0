@NullMarked
package dev.lightbox.coach.domain;

import org.jspecify.annotations.NullMarked;

@NullMarked
package dev.lightbox.coach.service;

import org.jspecify.annotations.NullMarked;

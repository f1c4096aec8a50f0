@NullMarked
package dev.lightbox.training.api;

import org.jspecify.annotations.NullMarked;

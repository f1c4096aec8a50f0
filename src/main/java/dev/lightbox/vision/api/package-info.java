@NullMarked
package dev.lightbox.vision.api;

import org.jspecify.annotations.NullMarked;

@NullMarked
package dev.lightbox.vision.domain;

import org.jspecify.annotations.NullMarked;

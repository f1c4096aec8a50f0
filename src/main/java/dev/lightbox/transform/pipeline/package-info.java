/** The restyle pipeline, Spring-free: steps, built-in styles, person segmentation, validation. */
@NullMarked
package dev.lightbox.transform.pipeline;

import org.jspecify.annotations.NullMarked;

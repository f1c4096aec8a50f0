/**
 * Training: labels and star ratings users give their photos, datasets made from them, training runs,
 * the model registry and the classify step.
 */
@NullMarked
@ApplicationModule(displayName = "Training")
package dev.lightbox.training;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

/**
 * Restyle: a photo through load → detect → segment → edges → depth → generate → validate → save, as one job
 * on the gpu queue with live per-step progress. Built-in styles are real image operations that need no
 * pretrained weights; an admin can install ONNX image-to-image (and depth) models. Results expire after the
 * retention period unless saved to the library.
 */
@NullMarked
@ApplicationModule(displayName = "Transform")
package dev.lightbox.transform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

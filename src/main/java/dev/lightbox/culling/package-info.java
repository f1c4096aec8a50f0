/**
 * Culling: groups of similar photos (bursts by capture time and camera, near-duplicates by perceptual
 * hash), each with a suggested keeper under the owner's scoring, the Review page that walks them, and the
 * full-screen viewer.
 */
@NullMarked
@ApplicationModule(displayName = "Culling")
package dev.lightbox.culling;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

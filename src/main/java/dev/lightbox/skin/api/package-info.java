/** The skin diary's REST API, and {@link dev.lightbox.skin.api.SkinDocuments} for modules that copy its answers (the export). */
@NullMarked
@NamedInterface("api")
package dev.lightbox.skin.api;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;

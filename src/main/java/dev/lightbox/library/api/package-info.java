/** The photo REST API, and {@link dev.lightbox.library.api.PhotoDocuments} for modules that copy its answers (the export). */
@NullMarked
@NamedInterface("api")
package dev.lightbox.library.api;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;

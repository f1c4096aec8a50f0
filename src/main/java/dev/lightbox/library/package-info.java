/**
 * Photos: streaming upload to the object store with validation and dedupe, metadata, thumbnails and
 * previews, the timeline, the photo page and the photo REST API.
 */
@NullMarked
@ApplicationModule(displayName = "Library")
package dev.lightbox.library;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

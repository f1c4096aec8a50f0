package dev.lightbox.library.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What other modules know about a photo, shown with it: a field in the photo's JSON, lines on the photo
 * page, boxes over its preview. Implemented by modules that build on the library (analysis, scoring), so
 * the library does not depend on them.
 */
public interface PhotoDetails {

    /** Top-level fields this adds to {@code GET /api/v1/photos/{id}} (e.g. "analysis"), JSON-serialisable values. */
    Map<String, Object> json(UUID ownerId, PhotoView photo);

    /** Label → text lines for the photo page, in order. */
    default Map<String, String> lines(UUID ownerId, PhotoView photo) {
        return Map.of();
    }

    /**
     * Term → text for the full-screen viewer's info panel: the page's lines and whatever the page shows
     * elsewhere (a module's own block) in one compact list.
     */
    default Map<String, String> info(UUID ownerId, PhotoView photo) {
        return lines(ownerId, photo);
    }

    /** Boxes to draw over the preview, in the photo's upright pixel coordinates. */
    default List<Box> boxes(UUID ownerId, PhotoView photo) {
        return List.of();
    }

    record Box(int x, int y, int width, int height, String label) {
    }
}

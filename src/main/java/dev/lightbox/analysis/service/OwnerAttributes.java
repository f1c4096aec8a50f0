package dev.lightbox.analysis.service;

import java.util.Map;
import java.util.UUID;

/**
 * Attributes that belong to one user's photo rather than to its bytes (labels predicted by that user's
 * own model, the personal score learnt from their ratings), added by other modules to the photo's
 * {@code analysis.attributes} and scored like the others.
 */
public interface OwnerAttributes {

    Map<String, Object> attributes(UUID ownerId, UUID photoId);

    /** The same for every photo of the owner that has any (for scoring a whole library at once). */
    default Map<UUID, Map<String, Object>> library(UUID ownerId) {
        return Map.of();
    }
}

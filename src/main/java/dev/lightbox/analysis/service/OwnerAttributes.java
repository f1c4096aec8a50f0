package dev.lightbox.analysis.service;

import java.util.Map;
import java.util.UUID;

/**
 * Attributes that belong to one user's photo rather than to its bytes (e.g. labels predicted by that
 * user's own model), added by other modules to the photo's {@code analysis.attributes}.
 */
public interface OwnerAttributes {

    Map<String, Object> attributes(UUID ownerId, UUID photoId);
}

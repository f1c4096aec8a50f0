package dev.lightbox.library.service;

import java.util.UUID;

/** Published inside the delete's transaction for each photo removed: modules drop what they keep about it. */
public record PhotoDeleted(UUID photoId, UUID ownerId, String sha256) {
}

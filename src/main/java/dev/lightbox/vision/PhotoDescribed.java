package dev.lightbox.vision;

import java.util.UUID;

/**
 * Published in the transaction that links a user's photo to its vision description: the photo's
 * {@code vision.*} attributes changed, so its score (which may weigh {@code aesthetic}) is computed again.
 */
public record PhotoDescribed(UUID ownerId, UUID photoId, String sha256) {
}

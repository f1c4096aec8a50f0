package dev.lightbox.library.service;

import java.util.UUID;

/**
 * Published inside the upload's transaction when a photo row is added: listeners that enqueue work for
 * it do so atomically with the row.
 */
public record PhotoAdded(UUID photoId, UUID ownerId, String sha256, String format, long sizeBytes, int storedWidth,
                         int storedHeight, int orientation, int uprightWidth) {
}

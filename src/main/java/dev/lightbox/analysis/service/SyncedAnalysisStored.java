package dev.lightbox.analysis.service;

import java.util.UUID;

/**
 * Published in the transaction that stores (creates or changes) attributes a user's device computed for
 * one of their photos: that photo, and only that one, can be (re)scored.
 */
public record SyncedAnalysisStored(UUID ownerId, UUID photoId, String sha256) {
}

package dev.lightbox.data.export.service;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An export as its owner sees it. {@code status}: RUNNING, READY, FAILED or EXPIRED (a READY export past
 * {@code expiresAt} shows EXPIRED before the sweep gets to it); {@code downloadUrl} only while READY.
 */
public record ExportView(UUID id, @Nullable UUID jobId, ExportStatus status, @Nullable Long sizeBytes, @Nullable Integer photoCount,
                         Instant createdAt, @Nullable Instant expiresAt, @Nullable String downloadUrl, @Nullable String error) {
}

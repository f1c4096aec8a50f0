package dev.lightbox.jobs;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A job as its owner sees it; {@code version} rises with every change (see {@link JobEvent#version()}). */
public record JobView(
        UUID id,
        @Nullable UUID ownerId,
        String type,
        JobQueue queue,
        JobStatus status,
        double progress,
        @Nullable String step,
        @Nullable String message,
        @Nullable String error,
        int attempts,
        int maxAttempts,
        @Nullable UUID subjectId,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        long version) {
}

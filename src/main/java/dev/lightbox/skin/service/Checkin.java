package dev.lightbox.skin.service;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One photo in a skin diary with its analysis as far as it got. {@code metrics} and {@code regions} are
 * present only when {@code status} is {@link CheckinStatus#DONE}; {@code reason} says why a refused or failed
 * check-in has none; {@code details} holds the extra figures (shares, areas, face size, lighting).
 */
public record Checkin(
        UUID photoId,
        LocalDateTime takenAt,
        Instant addedAt,
        CheckinSource source,
        CheckinStatus status,
        @Nullable String reason,
        @Nullable SkinValues metrics,
        Map<SkinRegion, SkinValues> regions,
        @Nullable SkinDetails details,
        @Nullable UUID jobId) {
}

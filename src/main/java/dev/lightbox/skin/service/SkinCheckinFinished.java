package dev.lightbox.skin.service;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Published after the commit that records a check-in's outcome (measured, refused or failed for good), on
 * the node that ran the job. The Telegram bot replies to bot check-ins on it.
 */
public record SkinCheckinFinished(UUID ownerId, UUID photoId, CheckinSource source, CheckinStatus status, @Nullable String reason) {
}

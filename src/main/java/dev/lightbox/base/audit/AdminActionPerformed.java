package dev.lightbox.base.audit;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What an admin did ({@code action}) to what ({@code targetType} such as "user", "queue", "job-type", and its id),
 * with a short human-readable {@code detail} (never a secret). Published synchronously: the audit row is written in
 * the publisher's transaction, so an action that rolls back leaves no entry.
 */
public record AdminActionPerformed(UUID actorId, String actorEmail, AdminAction action, @Nullable String targetType,
                                   @Nullable String targetId, String detail, Instant at) {
}

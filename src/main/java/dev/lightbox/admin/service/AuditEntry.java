package dev.lightbox.admin.service;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One admin action: {@code action} is the {@link dev.lightbox.base.audit.AdminAction} key; actorId null once that account is gone. */
public record AuditEntry(long id, Instant at, @Nullable UUID actorId, String actorEmail, String action, @Nullable String targetType,
                         @Nullable String targetId, String detail) {
}

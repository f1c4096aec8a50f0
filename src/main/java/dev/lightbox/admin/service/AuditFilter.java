package dev.lightbox.admin.service;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What to show: {@code action} an AdminAction key, {@code actor} an email or account id, {@code target} a target id,
 * entries at or after {@code since} and before {@code until}. Null matches everything.
 */
public record AuditFilter(@Nullable String action, @Nullable String actor, @Nullable String target, @Nullable Instant since,
                          @Nullable Instant until) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null);
}

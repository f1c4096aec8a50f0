package dev.lightbox.admin.service;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A user row of the admin console: the account, its library (photos, bytes of originals) and its credit balance. */
public record AdminUser(UUID id, String email, String role, boolean disabled, @Nullable String disabledReason, Instant createdAt,
                        @Nullable Instant lastSignInAt, long photos, long bytes, long credits) {
}

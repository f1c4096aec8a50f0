package dev.lightbox.account.service;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An account as the admin console sees it. {@code role} "USER" or "ADMIN". */
public record AccountState(UUID id, String email, String role, boolean disabled, @Nullable String disabledReason, Instant createdAt,
                           @Nullable Instant lastSignInAt) {

    public boolean admin() {
        return "ADMIN".equals(role);
    }

    public boolean enabledAdmin() {
        return admin() && !disabled;
    }
}

package dev.lightbox.account.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A bearer token; only the SHA-256 of its secret is stored. A {@link Kind#LOGIN} token comes from an API login
 * and expires some time after its last use; a {@link Kind#NAMED} one is made on purpose and may have a fixed expiry.
 */
@Entity
@Table(name = "api_tokens")
public class ApiToken {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false)
    private String name;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(nullable = false)
    private String prefix;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private @Nullable Instant lastUsedAt;

    @Column(name = "revoked_at")
    private @Nullable Instant revokedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Kind kind;

    @Column(name = "expires_at")
    private @Nullable Instant expiresAt;

    public enum Kind { NAMED, LOGIN }

    protected ApiToken() {
    }

    public ApiToken(UUID userId, String name, String tokenHash, String prefix, Instant createdAt, Kind kind, @Nullable Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.kind = kind;
        this.expiresAt = expiresAt;
        this.userId = userId;
        this.name = name;
        this.tokenHash = tokenHash;
        this.prefix = prefix;
        this.createdAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public UUID getUserId() {
        return userId;
    }

    public String getName() {
        return name;
    }

    public String getPrefix() {
        return prefix;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public @Nullable Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public @Nullable Instant getRevokedAt() {
        return revokedAt;
    }

    public Kind getKind() {
        return kind;
    }

    public @Nullable Instant getExpiresAt() {
        return expiresAt;
    }

    /** When this token stops working: a named token's fixed expiry, a login token's last use plus {@code loginTtl}. */
    public @Nullable Instant expiry(Duration loginTtl) {
        if (kind == Kind.LOGIN) return (lastUsedAt != null ? lastUsedAt : createdAt).plus(loginTtl);
        return expiresAt;
    }

    public boolean isActive(Instant now, Duration loginTtl) {
        Instant expiry = expiry(loginTtl);
        return revokedAt == null && (expiry == null || now.isBefore(expiry));
    }

    public void markUsed(Instant when) {
        this.lastUsedAt = when;
    }

    public void revoke(Instant when) {
        if (revokedAt == null) revokedAt = when;
    }
}

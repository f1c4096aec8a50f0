package dev.lightbox.account.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "users")
public class User {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String email;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "disabled_at")
    private @Nullable Instant disabledAt;

    @Column(name = "disabled_reason")
    private @Nullable String disabledReason;

    @Column(name = "last_sign_in_at")
    private @Nullable Instant lastSignInAt;

    protected User() {
    }

    public User(String email, String passwordHash, Role role, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.email = email;
        this.passwordHash = passwordHash;
        this.role = role;
        this.createdAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Role getRole() {
        return role;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void changePasswordHash(String newHash) {
        this.passwordHash = newHash;
    }

    public @Nullable Instant getDisabledAt() {
        return disabledAt;
    }

    public @Nullable String getDisabledReason() {
        return disabledReason;
    }

    public @Nullable Instant getLastSignInAt() {
        return lastSignInAt;
    }

    public boolean isDisabled() {
        return disabledAt != null;
    }

    public void disable(Instant at, @Nullable String reason) {
        this.disabledAt = at;
        this.disabledReason = reason;
    }

    public void enable() {
        this.disabledAt = null;
        this.disabledReason = null;
    }

    public void changeRole(Role role) {
        this.role = role;
    }
}

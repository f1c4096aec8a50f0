package dev.lightbox.account.service;

import dev.lightbox.account.AccountProperties;
import dev.lightbox.account.domain.ApiToken;
import dev.lightbox.account.domain.ApiToken.Kind;
import dev.lightbox.account.domain.ApiTokenRepository;
import dev.lightbox.account.domain.UserRepository;
import dev.lightbox.account.service.AccountException.Reason;
import dev.lightbox.base.security.ApiTokenAuthentication;
import dev.lightbox.base.security.ApiTokenAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: named ones made on purpose (optionally with an expiry) and login ones from API logins, which
 * expire {@code LIGHTBOX_LOGIN_TOKEN_TTL} after their last use. The secret ({@code lbx_} + 32 random bytes) is shown once at creation; only its
 * SHA-256 is stored, which suffices for a secret of that entropy and keeps every request's check cheap.
 */
@Service
public class ApiTokenService implements ApiTokenAuthenticator {

    public static final int MAX_NAME_LENGTH = 100;
    private static final String PREFIX = "lbx_";
    /** last_used_at is a hint, not an audit log: write it at most this often per token. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final ApiTokenRepository tokens;
    private final UserRepository users;
    private final Duration loginTtl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokenService(ApiTokenRepository tokens, UserRepository users, AccountProperties props, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.loginTtl = props.login().tokenTtl();
        this.clock = clock;
    }

    /** Creates a named token without expiry; the returned secret is never retrievable again. */
    @Transactional
    public CreatedToken create(UUID userId, String name) {
        return create(userId, name, null);
    }

    /** Creates a named token that stops working at {@code expiresAt} (never when null). */
    @Transactional
    public CreatedToken create(UUID userId, @Nullable String name, @Nullable Instant expiresAt) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
            throw new AccountException(Reason.INVALID_INPUT, "name: give the token a name of 1 to " + MAX_NAME_LENGTH + " characters.");
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw new AccountException(Reason.INVALID_INPUT, "expiresAt: must lie in the future.");
        }
        return issue(userId, trimmed, Kind.NAMED, expiresAt);
    }

    /** A token for an API login: listed apart from named tokens, it expires after going unused for the login TTL. */
    @Transactional
    public CreatedToken createLoginToken(UUID userId) {
        Instant now = clock.instant();
        List<ApiToken> lapsed = tokens.findByUserIdAndKindAndRevokedAtIsNull(userId, Kind.LOGIN).stream()
                .filter(token -> !token.isActive(now, loginTtl))
                .toList();
        tokens.deleteAll(lapsed);
        return issue(userId, "API login " + LocalDate.ofInstant(now, ZoneOffset.UTC), Kind.LOGIN, null);
    }

    private CreatedToken issue(UUID userId, String name, Kind kind, @Nullable Instant expiresAt) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiToken token = tokens.save(new ApiToken(userId, name, sha256(secret), secret.substring(0, PREFIX.length() + 6), clock.instant(),
                kind, expiresAt));
        return new CreatedToken(summary(token), secret);
    }

    /** The user's tokens that still work, newest first: named and login tokens alike (see {@link TokenSummary#kind()}). */
    @Transactional(readOnly = true)
    public List<TokenSummary> listActive(UUID userId) {
        Instant now = clock.instant();
        return tokens.findByUserIdAndRevokedAtIsNullOrderByCreatedAtDesc(userId).stream()
                .filter(token -> token.isActive(now, loginTtl))
                .map(this::summary)
                .toList();
    }

    /** Revokes every login token of the user but {@code keep} (the one making the call, if any): after a password change. */
    @Transactional
    public int revokeLoginTokens(UUID userId, @Nullable UUID keep) {
        Instant now = clock.instant();
        List<ApiToken> logins = tokens.findByUserIdAndKindAndRevokedAtIsNull(userId, Kind.LOGIN).stream()
                .filter(token -> !token.getId().equals(keep))
                .toList();
        logins.forEach(token -> token.revoke(now));
        return logins.size();
    }

    /** Revokes one of the user's own tokens; another user's token id is "not found". */
    @Transactional
    public void revoke(UUID userId, UUID tokenId) {
        ApiToken token = tokens.findByIdAndUserId(tokenId, userId)
                .orElseThrow(() -> new AccountException(Reason.NOT_FOUND, "No such token."));
        token.revoke(clock.instant());
    }

    /** Read fresh on every request, not cached: a token of a user disabled a moment ago answers 401 on its next call. */
    @Override
    @Transactional
    public Optional<ApiTokenAuthentication> authenticate(String secret) {
        if (!secret.startsWith(PREFIX) || secret.length() > 100) return Optional.empty();
        Instant now = clock.instant();
        return tokens.findByTokenHash(sha256(secret))
                .filter(token -> token.isActive(now, loginTtl))
                .flatMap(token -> users.findById(token.getUserId()).filter(user -> !user.isDisabled()).map(user -> {
                    if (token.getLastUsedAt() == null || token.getLastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
                        token.markUsed(now);
                    }
                    return new ApiTokenAuthentication(AccountService.toLightboxUser(user), token.getId());
                }));
    }

    private TokenSummary summary(ApiToken token) {
        return new TokenSummary(token.getId(), token.getName(), token.getPrefix(), token.getCreatedAt(), token.getLastUsedAt(),
                token.getKind() == Kind.LOGIN ? TokenKind.LOGIN : TokenKind.NAMED, token.expiry(loginTtl));
    }

    private static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public record CreatedToken(TokenSummary token, String secret) {
    }

    public enum TokenKind { NAMED, LOGIN }

    /** {@code expiresAt}: when the token stops working (a login token's moves on with each use); null: never. */
    public record TokenSummary(UUID id, String name, String prefix, Instant createdAt, @Nullable Instant lastUsedAt, TokenKind kind,
                               @Nullable Instant expiresAt) {
        public boolean isLogin() {
            return kind == TokenKind.LOGIN;
        }
    }
}

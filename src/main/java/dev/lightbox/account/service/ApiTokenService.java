package dev.lightbox.account.service;

import dev.lightbox.account.domain.ApiToken;
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
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Named API tokens. The secret ({@code lbx_} + 32 random bytes) is shown once at creation; only its
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
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokenService(ApiTokenRepository tokens, UserRepository users, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
    }

    /** Creates a token for the user; the returned secret is never retrievable again. */
    @Transactional
    public CreatedToken create(UUID userId, String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
            throw new AccountException(Reason.INVALID_INPUT, "name: give the token a name of 1 to " + MAX_NAME_LENGTH + " characters.");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiToken token = tokens.save(new ApiToken(userId, trimmed, sha256(secret), secret.substring(0, PREFIX.length() + 6), clock.instant()));
        return new CreatedToken(summary(token), secret);
    }

    @Transactional(readOnly = true)
    public List<TokenSummary> listActive(UUID userId) {
        return tokens.findByUserIdAndRevokedAtIsNullOrderByCreatedAtDesc(userId).stream().map(ApiTokenService::summary).toList();
    }

    /** Revokes one of the user's own tokens; another user's token id is "not found". */
    @Transactional
    public void revoke(UUID userId, UUID tokenId) {
        ApiToken token = tokens.findByIdAndUserId(tokenId, userId)
                .orElseThrow(() -> new AccountException(Reason.NOT_FOUND, "No such token."));
        token.revoke(clock.instant());
    }

    @Override
    @Transactional
    public Optional<ApiTokenAuthentication> authenticate(String secret) {
        if (!secret.startsWith(PREFIX) || secret.length() > 100) return Optional.empty();
        return tokens.findByTokenHash(sha256(secret))
                .filter(ApiToken::isActive)
                .flatMap(token -> users.findById(token.getUserId()).map(user -> {
                    Instant now = clock.instant();
                    if (token.getLastUsedAt() == null || token.getLastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
                        token.markUsed(now);
                    }
                    return new ApiTokenAuthentication(AccountService.toLightboxUser(user), token.getId());
                }));
    }

    private static TokenSummary summary(ApiToken token) {
        return new TokenSummary(token.getId(), token.getName(), token.getPrefix(), token.getCreatedAt(), token.getLastUsedAt());
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

    public record TokenSummary(UUID id, String name, String prefix, Instant createdAt, @org.jspecify.annotations.Nullable Instant lastUsedAt) {
    }
}

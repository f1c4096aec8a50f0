package dev.lightbox.account;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code LIGHTBOX_SIGNUP}, {@code LIGHTBOX_ADMIN_EMAIL}/{@code _PASSWORD} and the login throttle:
 * {@code LIGHTBOX_LOGIN_MAX_FAILURES} failures for one email from one client address, or
 * {@code LIGHTBOX_LOGIN_MAX_FAILURES_PER_ADDRESS} from one address, within {@code LIGHTBOX_LOGIN_LOCKOUT} refuse
 * that pair or address until they age out; failures for an email from anywhere only delay its later attempts,
 * by at most {@code LIGHTBOX_LOGIN_MAX_DELAY}. Login tokens expire {@code LIGHTBOX_LOGIN_TOKEN_TTL} after their last use.
 */
@Validated
@ConfigurationProperties("lightbox")
public record AccountProperties(Signup signup, Admin admin, Login login) {

    public enum Signup { OPEN, CLOSED }

    public record Admin(@Nullable String email, @Nullable String password) {
    }

    /** {@code tokenTtl}: a login token expires this long after its last use ({@code LIGHTBOX_LOGIN_TOKEN_TTL}). */
    public record Login(@Min(1) @Max(1000) Integer maxFailures, @Min(1) @Max(100_000) Integer maxFailuresPerAddress, Duration lockout,
                        Duration maxDelay, Duration tokenTtl) {
        public Login {
            if (maxFailures == null) maxFailures = 5;
            if (maxFailuresPerAddress == null) maxFailuresPerAddress = 20;
            if (lockout == null) lockout = Duration.ofMinutes(15);
            if (maxDelay == null) maxDelay = Duration.ofSeconds(5);
            if (maxDelay.isNegative() || maxDelay.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("lightbox.login.max-delay must be between 0s and 1m, not " + maxDelay);
            }
            if (tokenTtl == null) tokenTtl = Duration.ofDays(30);
            if (tokenTtl.compareTo(Duration.ofMinutes(1)) < 0 || tokenTtl.compareTo(Duration.ofDays(3650)) > 0) {
                throw new IllegalArgumentException("LIGHTBOX_LOGIN_TOKEN_TTL must be between 1m and 3650d, not " + tokenTtl);
            }
        }
    }

    @SuppressWarnings("NullAway") // Spring binds an absent group as null; its defaults are filled in its own constructor
    public AccountProperties {
        if (signup == null) signup = Signup.OPEN;
        if (admin == null) admin = new Admin(null, null);
        if (login == null) login = new Login(null, null, null, null, null);
    }
}

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
 * by at most {@code LIGHTBOX_LOGIN_MAX_DELAY}.
 */
@Validated
@ConfigurationProperties("lightbox")
public record AccountProperties(Signup signup, Admin admin, Login login) {

    public enum Signup { OPEN, CLOSED }

    public record Admin(@Nullable String email, @Nullable String password) {
    }

    public record Login(@Min(1) @Max(1000) Integer maxFailures, @Min(1) @Max(100_000) Integer maxFailuresPerAddress, Duration lockout,
                        Duration maxDelay) {
        public Login {
            if (maxFailures == null) maxFailures = 5;
            if (maxFailuresPerAddress == null) maxFailuresPerAddress = 20;
            if (lockout == null) lockout = Duration.ofMinutes(15);
            if (maxDelay == null) maxDelay = Duration.ofSeconds(5);
            if (maxDelay.isNegative() || maxDelay.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("lightbox.login.max-delay must be between 0s and 1m, not " + maxDelay);
            }
        }
    }

    public AccountProperties {
        if (signup == null) signup = Signup.OPEN;
        if (admin == null) admin = new Admin(null, null);
        if (login == null) login = new Login(null, null, null, null);
    }
}

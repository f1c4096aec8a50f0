package dev.lightbox.account.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.account.AccountProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(
            new AccountProperties(null, null, new AccountProperties.Login(3, 5, Duration.ofMinutes(10))), clock);

    @Test
    void locksAnEmailAfterTheLimitUntilTheOldestFailureAgesOut() {
        throttle.recordFailure("a@x.test", "");
        clock.advance(Duration.ofMinutes(2));
        throttle.recordFailure("a@x.test", "");
        throttle.recordFailure("a@x.test", "");
        assertThat(throttle.retryAfter("a@x.test", "")).contains(Duration.ofMinutes(8));
        assertThat(throttle.retryAfter("b@x.test", "")).isEmpty();

        clock.advance(Duration.ofMinutes(8));
        assertThat(throttle.retryAfter("a@x.test", "")).isEmpty();
    }

    @Test
    void aSuccessForgivesTheEmailButNotTheAddress() {
        for (int i = 0; i < 5; i++) throttle.recordFailure("user" + i + "@x.test", "10.0.0.1");
        assertThat(throttle.retryAfter("fresh@x.test", "10.0.0.1")).isPresent();
        assertThat(throttle.retryAfter("fresh@x.test", "10.0.0.2")).isEmpty();

        throttle.recordFailure("c@x.test", "");
        throttle.recordFailure("c@x.test", "");
        throttle.recordSuccess("c@x.test");
        throttle.recordFailure("c@x.test", "");
        assertThat(throttle.retryAfter("c@x.test", "")).isEmpty();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

package dev.lightbox.account.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
            new AccountProperties(null, null, new AccountProperties.Login(3, 5, Duration.ofMinutes(10), Duration.ofSeconds(2))), clock);

    @Test
    void refusesAnEmailFromOneAddressAfterTheLimitUntilTheOldestFailureAgesOut() {
        fail("a@x.test", "10.0.0.1");
        clock.advance(Duration.ofMinutes(2));
        fail("a@x.test", "10.0.0.1");
        fail("a@x.test", "10.0.0.1");
        assertThat(refusal("a@x.test", "10.0.0.1")).isEqualTo(Duration.ofMinutes(8));
        assertThat(throttle.reserve("b@x.test", "10.0.0.1")).isNotNull();

        clock.advance(Duration.ofMinutes(8));
        assertThat(throttle.reserve("a@x.test", "10.0.0.1")).isNotNull();
    }

    @Test
    void aStrangersFailuresOnlyDelayTheOwnerAtTheirOwnAddress() {
        for (int i = 0; i < 3; i++) fail("victim@x.test", "10.0.0.66");
        assertThat(refusal("victim@x.test", "10.0.0.66")).isPositive();
        for (int i = 0; i < 3; i++) fail("victim@x.test", "10.0.0." + i);

        LoginThrottle.Attempt owner = throttle.reserve("victim@x.test", "192.168.1.2");
        assertThat(owner.delay()).as("6 failures, 3 over the limit: 250 ms doubled thrice, capped at 2 s").isEqualTo(Duration.ofSeconds(2));
        throttle.succeeded(owner);
        assertThat(throttle.reserve("victim@x.test", "192.168.1.2").delay()).as("a success forgives the email").isZero();
    }

    @Test
    void theEmailDelayGrowsFromTheLimitOn() {
        fail("d@x.test", "10.0.0.1");
        fail("d@x.test", "10.0.0.2");
        assertThat(throttle.reserve("d@x.test", "10.0.0.3").delay()).isZero();
        fail("d@x.test", "10.0.0.4");
        assertThat(throttle.reserve("d@x.test", "10.0.0.5").delay()).isEqualTo(Duration.ofMillis(250));
        fail("d@x.test", "10.0.0.6");
        assertThat(throttle.reserve("d@x.test", "10.0.0.7").delay()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void refusesAnAddressAfterItsLimitWhateverTheEmail() {
        for (int i = 0; i < 5; i++) fail("user" + i + "@x.test", "10.0.0.1");
        assertThat(refusal("fresh@x.test", "10.0.0.1")).isPositive();
        assertThat(throttle.reserve("fresh@x.test", "10.0.0.2")).isNotNull();
    }

    @Test
    void aSuccessForgivesThePairButNotTheAddress() {
        fail("c@x.test", "10.0.0.1");
        fail("c@x.test", "10.0.0.1");
        throttle.succeeded(throttle.reserve("c@x.test", "10.0.0.1"));
        fail("c@x.test", "10.0.0.1");
        fail("c@x.test", "10.0.0.1");
        assertThat(throttle.reserve("c@x.test", "10.0.0.1")).as("only 2 failures since the success").isNotNull();
        // the address counts 5: the 2 failures before the success, the 2 after it and the attempt in flight
        assertThat(refusal("f@x.test", "10.0.0.1")).isPositive();
    }

    @Test
    void reservedAttemptsCountBeforeTheirPasswordIsJudged() {
        for (int i = 0; i < 3; i++) throttle.reserve("g@x.test", "10.0.0.1");
        assertThat(refusal("g@x.test", "10.0.0.1")).as("three checks in flight use up the limit").isPositive();
    }

    @Test
    void anAbandonedAttemptDoesNotCount() {
        for (int i = 0; i < 3; i++) throttle.abandoned(throttle.reserve("h@x.test", "10.0.0.1"));
        assertThat(throttle.reserve("h@x.test", "10.0.0.1")).isNotNull();
    }

    private void fail(String email, String address) {
        throttle.failed(throttle.reserve(email, address));
    }

    private Duration refusal(String email, String address) {
        var refused = catchThrowableOfType(LoginThrottledException.class,
                () -> throttle.reserve(email, address));
        assertThat(refused).as("refused").isNotNull();
        return Duration.ofSeconds(refused.retryAfterSeconds());
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

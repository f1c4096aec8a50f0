package dev.lightbox.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The services' clock in tests: the real time plus an offset a test moves forward (and must {@link #reset()}
 * after, in a finally block), so time-based behaviour is tested without sleeping.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClock {

    private static final MovableClock CLOCK = new MovableClock();

    @Bean
    @Primary
    MovableClock movableClock() {
        return CLOCK;
    }

    public static final class MovableClock extends Clock {

        private final AtomicReference<Duration> offset;
        private final ZoneId zone;

        MovableClock() {
            this(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
        }

        private MovableClock(AtomicReference<Duration> offset, ZoneId zone) {
            this.offset = offset;
            this.zone = zone;
        }

        public void advance(Duration by) {
            offset.accumulateAndGet(by, Duration::plus);
        }

        public void reset() {
            offset.set(Duration.ZERO);
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        /** The same moving time seen in another zone: moving either moves both. */
        @Override
        public Clock withZone(ZoneId other) {
            return new MovableClock(offset, other);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }
}

package dev.lightbox.account.service;

import dev.lightbox.account.AccountProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per key (an email, a client address) in a sliding window. After
 * {@code maxFailures} within {@code lockout}, that key is refused until the oldest failure ages out.
 * In memory: a restart forgives, which is acceptable for a self-hosted server.
 */
@Component
class LoginThrottle {

    private static final int MAX_KEYS = 100_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final int maxFailuresPerAddress;
    private final Duration window;
    private final Clock clock;

    LoginThrottle(AccountProperties props, Clock clock) {
        this.maxFailures = props.login().maxFailures();
        this.maxFailuresPerAddress = props.login().maxFailuresPerAddress();
        this.window = props.login().lockout();
        this.clock = clock;
    }

    /** How long until this email (and address, if known) may try again; empty when it may now. */
    Optional<Duration> retryAfter(String email, String address) {
        Instant now = clock.instant();
        return max(blockedFor("email:" + email, maxFailures, now),
                   address.isEmpty() ? Optional.empty() : blockedFor("addr:" + address, maxFailuresPerAddress, now));
    }

    void recordFailure(String email, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_KEYS) failures.entrySet().removeIf(e -> pruned(e.getValue(), now).isEmpty());
        add("email:" + email, now);
        if (!address.isEmpty()) add("addr:" + address, now);
    }

    void recordSuccess(String email) {
        failures.remove("email:" + email);
    }

    private void add(String key, Instant now) {
        failures.compute(key, (k, times) -> {
            Deque<Instant> deque = times == null ? new ArrayDeque<>() : pruned(times, now);
            synchronized (deque) {
                deque.addLast(now);
            }
            return deque;
        });
    }

    private Optional<Duration> blockedFor(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) return Optional.empty();
        synchronized (times) {
            pruned(times, now);
            if (times.size() < limit) return Optional.empty();
            return Optional.of(Duration.between(now, times.peekFirst().plus(window)));
        }
    }

    private Deque<Instant> pruned(Deque<Instant> times, Instant now) {
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) times.removeFirst();
            return times;
        }
    }

    private static Optional<Duration> max(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) return b;
        if (b.isEmpty()) return a;
        return a.get().compareTo(b.get()) >= 0 ? a : b;
    }
}

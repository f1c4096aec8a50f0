package dev.lightbox.account.service;

import dev.lightbox.account.AccountProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins in a sliding window ({@code lockout}) and refuses further attempts, with 429, from
 * a client address after {@code maxFailuresPerAddress} failures and for an email from one address after
 * {@code maxFailures}. Failures for an email from all addresses together never refuse its owner: they
 * only make each later attempt for that email wait, 250 ms doubling per failure up to {@code maxDelay}.
 * <p>
 * Check and count are one step: {@link #reserve} counts an attempt as a failure before its password is
 * checked, so parallel guesses cannot all pass the check before the first failure is recorded; a correct
 * password then takes its attempt back. In memory: a restart forgives, which suits a single process.
 */
@Component
class LoginThrottle {

    static final Duration FIRST_DELAY = Duration.ofMillis(250);
    private static final int MAX_KEYS = 100_000;
    /** Enough email failures to reach any delay a setting allows (250 ms doubled 20 times is 3 days). */
    private static final int MAX_EMAIL_FAILURES_KEPT = 32;

    /** Failure (and reserved attempt) times per key, oldest first; guarded by {@code this}. */
    private final Map<String, Deque<Instant>> failures = new HashMap<>();
    private final int maxFailures;
    private final int maxFailuresPerAddress;
    private final Duration window;
    private final Duration maxDelay;
    private final Clock clock;

    LoginThrottle(AccountProperties props, Clock clock) {
        this.maxFailures = props.login().maxFailures();
        this.maxFailuresPerAddress = props.login().maxFailuresPerAddress();
        this.window = props.login().lockout();
        this.maxDelay = props.login().maxDelay();
        this.clock = clock;
    }

    /** One login attempt counted as a failure until {@link #succeeded} or {@link #abandoned} takes it back. */
    record Attempt(String email, String pairKey, @Nullable String addressKey, Instant at, Duration delay) {
    }

    /**
     * Counts an attempt for this email from this address (empty when unknown) and says how long it must
     * wait before checking the password, or refuses it while the address or the pair is over its limit.
     */
    synchronized Attempt reserve(String email, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_KEYS) failures.values().removeIf(times -> pruned(times, now).isEmpty());
        String pairKey = "pair:" + email + "|" + address;
        String addressKey = address.isEmpty() ? null : "addr:" + address;
        Duration wait = blockedFor(pairKey, maxFailures, now);
        if (addressKey != null) wait = longer(wait, blockedFor(addressKey, maxFailuresPerAddress, now));
        if (!wait.isZero()) throw new LoginThrottledException(wait);
        add(pairKey, now);
        if (addressKey != null) add(addressKey, now);
        return new Attempt(email, pairKey, addressKey, now, delayFor(email, now));
    }

    /** The password was wrong: the attempt stays counted, and the email's own failures grow by one. */
    synchronized void failed(Attempt attempt) {
        Deque<Instant> times = add("email:" + attempt.email(), attempt.at());
        while (times.size() > MAX_EMAIL_FAILURES_KEPT) times.removeFirst();
    }

    /** The password was right: the email and this pair are forgiven; the address keeps its other failures. */
    synchronized void succeeded(Attempt attempt) {
        failures.remove("email:" + attempt.email());
        failures.remove(attempt.pairKey());
        takeBack(attempt.addressKey(), attempt.at());
    }

    /** The password was never judged (an error on the way): the attempt does not count. */
    synchronized void abandoned(Attempt attempt) {
        takeBack(attempt.pairKey(), attempt.at());
        takeBack(attempt.addressKey(), attempt.at());
    }

    private Duration delayFor(String email, Instant now) {
        Deque<Instant> times = failures.get("email:" + email);
        int over = times == null ? -1 : pruned(times, now).size() - maxFailures;
        if (over < 0) return Duration.ZERO;
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(over, 30));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    private Deque<Instant> add(String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        pruned(times, now).addLast(now);
        return times;
    }

    private void takeBack(@Nullable String key, Instant at) {
        if (key == null) return;
        Deque<Instant> times = failures.get(key);
        if (times == null) return;
        times.removeLastOccurrence(at);
        if (times.isEmpty()) failures.remove(key);
    }

    /** Zero when the key may try now, else how long until its oldest failure leaves the window. */
    private Duration blockedFor(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null || pruned(times, now).size() < limit) return Duration.ZERO;
        return Duration.between(now, times.peekFirst().plus(window));
    }

    private Deque<Instant> pruned(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) times.removeFirst();
        return times;
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

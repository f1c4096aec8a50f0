package dev.lightbox.account.service;

import java.time.Duration;

/**
 * Too many failed sign-ins: the message and {@link #retryAfterSeconds()} (for a {@code Retry-After} header)
 * say the same wait, rounded up to whole seconds under two minutes and to whole minutes above.
 */
public class LoginThrottledException extends AccountException {

    private final long retryAfterSeconds;

    LoginThrottledException(Duration wait) {
        this(roundUp(wait));
    }

    private LoginThrottledException(long seconds) {
        super(Reason.THROTTLED, "Too many failed sign-in attempts. Try again in " + describe(seconds) + ".");
        this.retryAfterSeconds = seconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static long roundUp(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return seconds < 120 ? seconds : (seconds + 59) / 60 * 60;
    }

    private static String describe(long seconds) {
        if (seconds < 120) return seconds + (seconds == 1 ? " second" : " seconds");
        return seconds / 60 + " minutes";
    }
}

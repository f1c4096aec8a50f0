package dev.lightbox.base.database;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the embedded PostgreSQL every second and starts it again, on the same data directory and
 * port, when it died (killed, crashed, stopped by hand). Failed attempts back off 1 s, 2 s, 4 s … up to
 * {@code maxBackoff}; each attempt is one log line. The pool reconnects by itself once the server is back.
 */
final class PostgresWatchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresWatchdog.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private final EmbeddedPostgresServer server;
    private final Duration maxBackoff;
    private final ScheduledExecutorService scheduler;
    private int failedAttempts;
    private long downSince;
    private long nextAttemptAt;

    PostgresWatchdog(EmbeddedPostgresServer server, Duration maxBackoff) {
        this.server = server;
        this.maxBackoff = maxBackoff;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("postgres-watchdog").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (server.isRunning()) return;
        long now = System.nanoTime();
        if (downSince == 0) {
            downSince = now;
            nextAttemptAt = now;
        }
        if (now - nextAttemptAt < 0) return;
        int attempt = failedAttempts + 1;
        try {
            server.restart();
            log.warn("Embedded PostgreSQL had stopped; restarted it (attempt {}) {} ms after that was noticed",
                    attempt, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downSince));
            failedAttempts = 0;
            downSince = 0;
        } catch (Exception e) {
            failedAttempts = attempt;
            Duration backoff = backoff(attempt);
            nextAttemptAt = System.nanoTime() + backoff.toNanos();
            log.warn("Embedded PostgreSQL is down; restart attempt {} failed ({}); next attempt in {} s",
                    attempt, e.getMessage(), backoff.toSeconds());
        }
    }

    /** 1 s after the first failure, doubling, at most {@code maxBackoff}. */
    Duration backoff(int failedAttempts) {
        long millis = FIRST_BACKOFF.toMillis() << Math.min(failedAttempts - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(70, TimeUnit.SECONDS);
    }
}

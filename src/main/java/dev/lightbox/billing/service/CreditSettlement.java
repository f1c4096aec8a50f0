package dev.lightbox.billing.service;

import dev.lightbox.jobs.JobEvent;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Settles paid work by its job's outcome, on every node: final job events are the fast path, and a sweep over
 * held reservations every {@link #SWEEP_EVERY} is the guarantee (an event may be missed: a node down, a
 * NOTIFY lost, a subscriber behind). Both end in {@link CreditService#settleIfFinished}, which is idempotent.
 */
@Component
class CreditSettlement implements DisposableBean {

    static final Duration SWEEP_EVERY = Duration.ofSeconds(30);
    private static final int PAGE = 500;
    private static final Logger log = LoggerFactory.getLogger(CreditSettlement.class);

    private final CreditService credits;
    private final JobService jobs;
    private final JobEvents events;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("credit-settlement").daemon().factory());
    private volatile JobEvents.@Nullable Subscription subscription;
    private volatile boolean sweepOnSchedule = true;

    CreditSettlement(CreditService credits, JobService jobs, JobEvents events) {
        this.credits = credits;
        this.jobs = jobs;
        this.events = events;
        listen();
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        long every = SWEEP_EVERY.toMillis();
        timer.scheduleWithFixedDelay(this::sweepQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Follows final job events and sweeps on schedule (again, after {@link #stopAutomaticSettlement}). */
    synchronized void listen() {
        sweepOnSchedule = true;
        if (subscription == null) subscription = events.subscribe(this::onEvent);
    }

    /** For tests that prove a sweep settles on its own: no events, no scheduled sweeps until {@link #listen}. */
    synchronized void stopAutomaticSettlement() {
        sweepOnSchedule = false;
        var current = subscription;
        subscription = null;
        if (current != null) current.close();
    }

    private void onEvent(JobEvent event) {
        if (!event.status().finished()) return;
        try {
            credits.settleIfFinished(event.id());
        } catch (RuntimeException e) {
            log.warn("Settling the credits of job {} failed (the sweep tries again): {}", event.id(), e.toString());
        }
    }

    /** Settles every held reservation whose job has finished; answers how many it settled. */
    int sweep() {
        int settled = 0;
        UUID after = null;
        while (true) {
            List<UUID> held = credits.heldJobs(after, PAGE);
            for (UUID jobId : held) {
                Optional<JobStatus> status = jobs.status(jobId);
                if (status.isPresent() && !status.get().finished()) continue;
                if (credits.settleIfFinished(jobId)) settled++;
            }
            if (held.size() < PAGE) break;
            after = held.getLast();
        }
        if (settled > 0) log.info("Credit sweep settled {} reservation(s) whose job had finished", settled);
        return settled;
    }

    private void sweepQuietly() {
        if (!sweepOnSchedule) return;
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Credit sweep failed: {} (tried again in {})", e.toString(), SWEEP_EVERY);
        }
    }

    @Override
    public void destroy() {
        stopAutomaticSettlement();
        timer.shutdownNow();
    }
}

package dev.lightbox.retention.service;

import dev.lightbox.base.audit.AdminAction;
import dev.lightbox.base.audit.AdminAudit;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues the retention sweep: daily (each node tries at startup and every hour; the dedupe key of the UTC day makes
 * it one job a day however many nodes run) and on demand by an admin.
 */
@Service
public class RetentionService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

    private final JobService jobs;
    private final Clock clock;
    private final AdminAudit audit;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("retention-daily").daemon().factory());

    RetentionService(JobService jobs, Clock clock, AdminAudit audit) {
        this.audit = audit;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Runs the sweep now, for the admin who asked (their job, in the audit log); returns the job's id. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public UUID runNow(UUID adminId) {
        UUID job = jobs.enqueue(JobRequest.of(RetentionSweepJob.TYPE, adminId, new RetentionSweepJob.Payload()));
        audit.record(AdminAction.RETENTION_RUN, "job", job.toString(), "retention sweep started");
        return job;
    }

    /** Today's sweep (UTC day), queued once across all nodes; returns its job id. */
    UUID queueDaily() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return jobs.enqueue(JobRequest.of(RetentionSweepJob.TYPE, null, new RetentionSweepJob.Payload())
                .dedupedBy(RetentionSweepJob.TYPE.name() + ":" + today));
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                queueDaily();
            } catch (RuntimeException e) {
                log.warn("Could not queue the daily retention sweep: {} (tried again within the hour)", e.getMessage());
            }
        }, 0, 1, TimeUnit.HOURS);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}

package dev.lightbox.retention.service;

import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobType;
import dev.lightbox.retention.ExpiringResults;
import dev.lightbox.retention.RetentionProperties;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code retention.sweep} on the cpu queue: expires results past {@code LIGHTBOX_RETENTION_RESULTS} (their rows stay,
 * marked expired, before their objects go) and deletes finished jobs older than {@code LIGHTBOX_RETENTION_JOBS} with
 * their attempts, in batches. Every batch locks its rows with SKIP LOCKED, so runs on several nodes at once share the
 * work and a second run finds nothing left: it is idempotent.
 */
@Component
class RetentionSweepJob implements JobHandler<RetentionSweepJob.Payload> {

    record Payload() {
    }

    /** What one run removed. */
    record Result(int resultsExpired, long resultBytesFreed, int jobsDeleted) {
    }

    static final JobType<Payload> TYPE = JobType.of("retention.sweep", "Retention sweep", JobQueue.CPU, Payload.class);
    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(RetentionSweepJob.class);

    private final List<ExpiringResults> expiring;
    private final JobService jobs;
    private final RetentionProperties retention;
    private final Clock clock;

    RetentionSweepJob(List<ExpiringResults> expiring, JobService jobs, RetentionProperties retention, Clock clock) {
        this.expiring = expiring;
        this.jobs = jobs;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context, Payload payload) {
        int results = 0;
        long bytes = 0;
        context.progress(0, "results", "Removing expired results");
        for (ExpiringResults kind : expiring) {
            ExpiringResults.Expired batch;
            do {
                batch = kind.expire(clock.instant(), BATCH);
                results += batch.results();
                bytes += batch.bytes();
                context.progress(0.25, "results", results + " expired result(s) removed");
            } while (batch.results() == BATCH);
        }
        context.progress(0.5, "jobs", "Deleting finished jobs older than " + retention.jobs());
        int deletedJobs = 0;
        int deleted;
        do {
            deleted = jobs.deleteFinishedOlderThan(retention.jobs(), BATCH);
            deletedJobs += deleted;
            context.progress(0.75, "jobs", deletedJobs + " finished job(s) deleted");
        } while (deleted == BATCH);
        var result = new Result(results, bytes, deletedJobs);
        log.info("Retention sweep: {} expired result(s) removed ({} bytes freed), {} finished job(s) deleted", results, bytes, deletedJobs);
        context.result(result);
    }
}

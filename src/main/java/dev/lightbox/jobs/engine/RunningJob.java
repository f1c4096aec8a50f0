package dev.lightbox.jobs.engine;

import dev.lightbox.jobs.JobCancelledException;
import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.domain.JobRepository;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of a job on this node. Progress reaches the database (and so every watcher) at most every
 * 100 ms, plus at every new step and at the end; a cancellation is noticed at the next report.
 */
final class RunningJob implements JobContext {

    private static final long WRITE_INTERVAL_NANOS = 100_000_000L;

    private final JobRepository.Claimed job;
    private final JobRepository store;
    private volatile boolean cancelRequested;
    private long lastWrite;
    private @Nullable String lastStep;
    private @Nullable Object result;

    RunningJob(JobRepository.Claimed job, JobRepository store) {
        this.job = job;
        this.store = store;
    }

    void requestCancel() {
        cancelRequested = true;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    @Nullable Object resultValue() {
        return result;
    }

    @Override
    public UUID jobId() {
        return job.id();
    }

    @Override
    public @Nullable UUID ownerId() {
        return job.ownerId();
    }

    @Override
    public int attempt() {
        return job.attempt();
    }

    @Override
    public Map<String, Object> payload() {
        return job.payload();
    }

    @Override
    public void progress(double fraction, String step, @Nullable String message) {
        if (cancelRequested) throw new JobCancelledException();
        long now = System.nanoTime();
        boolean due = now - lastWrite >= WRITE_INTERVAL_NANOS || !Objects.equals(step, lastStep) || fraction >= 1;
        if (!due) return;
        lastWrite = now;
        lastStep = step;
        var cancelled = store.progress(job.id(), job.token(), fraction, step, message);
        if (cancelled.isEmpty() || cancelled.get()) { // cancelled, or this attempt no longer holds the job
            cancelRequested = true;
            throw new JobCancelledException();
        }
    }

    @Override
    public void result(Object value) {
        this.result = value;
    }
}

package dev.lightbox.jobs.engine;

import dev.lightbox.jobs.JobCancelledException;
import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.domain.JobRepository;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of a job on this node, in worker slot {@link #slot()} of its queue. A progress report only
 * records the newest state here; the node's progress writer ({@link JobWorkers}) stores it (and so tells
 * every watcher) within about 100 ms, on its own connection: a job never holds a second connection for its
 * reports, even when it reports from inside a transaction of its own. A cancellation (or the loss of this
 * attempt) is noticed at the next report.
 */
final class RunningJob implements JobContext {

    /** A report not yet stored. */
    record Report(double fraction, String step, @Nullable String message) {
    }

    private final JobRepository.Claimed job;
    private final int slot;
    private volatile boolean cancelRequested;
    private @Nullable Report pending;
    private @Nullable String lastStep;
    private @Nullable String lastMessage;
    private @Nullable Object result;

    RunningJob(JobRepository.Claimed job, int slot) {
        this.job = job;
        this.slot = slot;
    }

    JobRepository.Claimed claimed() {
        return job;
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

    /** The newest report not yet stored, taken (empty afterwards). */
    synchronized @Nullable Report takeReport() {
        Report report = pending;
        pending = null;
        return report;
    }

    /** Puts back a report that could not be stored, unless a newer one came meanwhile. */
    synchronized void restore(Report report) {
        if (pending == null) pending = report;
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

    /** A report without a message keeps the step's last message (e.g. an epoch's loss while the next epoch runs). */
    @Override
    public void progress(double fraction, String step, @Nullable String message) {
        if (cancelRequested) throw new JobCancelledException();
        synchronized (this) {
            String shown = message == null && step.equals(lastStep) ? lastMessage : message;
            lastStep = step;
            lastMessage = shown;
            pending = new Report(fraction, step, shown);
        }
    }

    @Override
    public void result(Object value) {
        this.result = value;
    }

    @Override
    public int slot() {
        return slot;
    }
}

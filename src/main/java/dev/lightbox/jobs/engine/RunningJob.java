package dev.lightbox.jobs.engine;

import dev.lightbox.jobs.JobCancelledException;
import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.domain.JobRepository;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of a job on this node, in worker slot {@link #slot()} of its queue. A progress report only
 * records the state here; the node's progress writer ({@link JobWorkers}) stores it (and so tells every
 * watcher) on its own connection, at once for a new step and otherwise within about 100 ms: a job never
 * holds a second connection for its reports, even when it reports from inside a transaction of its own.
 * Every step is stored (up to {@value #MAX_WAITING} waiting); within a step only the newest report. A
 * cancellation (or the loss of this attempt) is noticed at the next report.
 */
final class RunningJob implements JobContext {

    /** A report not yet stored. */
    record Report(double fraction, String step, @Nullable String message) {
    }

    private final JobRepository.Claimed job;
    private final int slot;
    private volatile boolean cancelRequested;
    static final int MAX_WAITING = 16;

    private final ArrayDeque<Report> waiting = new ArrayDeque<>();
    private final Runnable newStep;
    private @Nullable String lastStep;
    private @Nullable String lastMessage;
    private @Nullable Object result;
    private final StepTimer steps;

    RunningJob(JobRepository.Claimed job, int slot, Runnable newStep) {
        this(job, slot, newStep, System::nanoTime);
    }

    RunningJob(JobRepository.Claimed job, int slot, Runnable newStep, java.util.function.LongSupplier nanoClock) {
        this.job = job;
        this.slot = slot;
        this.newStep = newStep;
        this.steps = new StepTimer(nanoClock);
    }

    /** The time spent in each reported step, the last one ending now: called once the attempt ended. */
    List<JobRepository.StepTime> stepTimes() {
        return steps.finish();
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

    /** The reports not yet stored, oldest first, taken (none afterwards). */
    synchronized List<Report> takeReports() {
        List<Report> reports = List.copyOf(waiting);
        waiting.clear();
        return reports;
    }

    /** Puts back reports that could not be stored, unless newer ones came meanwhile. */
    synchronized void restore(List<Report> reports) {
        if (waiting.isEmpty()) waiting.addAll(reports);
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

    /** A report without a message keeps the step's last message (e.g. an epoch's loss while the next epoch runs). */
    @Override
    public void progress(double fraction, String step, @Nullable String message) {
        if (cancelRequested) throw new JobCancelledException();
        boolean stepChanged;
        synchronized (this) {
            stepChanged = !step.equals(lastStep);
            if (stepChanged) steps.enter(step);
            String shown = message == null && !stepChanged ? lastMessage : message;
            lastStep = step;
            lastMessage = shown;
            Report report = new Report(fraction, step, shown);
            if (!waiting.isEmpty() && (!stepChanged || waiting.size() >= MAX_WAITING)) waiting.removeLast();
            waiting.addLast(report);
        }
        if (stepChanged) newStep.run();
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

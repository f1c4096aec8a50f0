package dev.lightbox.transform.service;

import dev.lightbox.jobs.JobCancelledException;
import dev.lightbox.jobs.JobContext;
import dev.lightbox.transform.domain.TransformRepository;
import dev.lightbox.transform.pipeline.Step;
import dev.lightbox.transform.pipeline.StepReporter;
import dev.lightbox.transform.pipeline.StepStatus;
import dev.lightbox.transform.service.TransformView.StepView;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pipeline's reports of one transform, written to its row (status, step, progress, message, steps) and passed to
 * {@link JobContext#progress}, which pushes them to watchers and throws when the job was cancelled. A row that is no
 * longer active (cancelled or deleted by its owner) ends the run the same way. Progress inside a step is written to
 * the row at most every {@value #ROW_WRITE_MS} ms; starts and ends of steps always.
 */
final class RowReporter implements StepReporter {

    static final long ROW_WRITE_MS = 250;

    private final UUID transformId;
    private final JobContext context;
    private final TransformRepository rows;
    private final JsonMapper json;
    private final Map<Step, StepView> steps = new EnumMap<>(Step.class);
    private final Map<Step, Long> startedAt = new EnumMap<>(Step.class);
    private @Nullable Step current;
    private @Nullable Step failed;
    private long lastRowWrite;

    RowReporter(UUID transformId, JobContext context, TransformRepository rows, JsonMapper json) {
        this.transformId = transformId;
        this.context = context;
        this.rows = rows;
        this.json = json;
    }

    @Override
    public void started(Step step, String message) {
        current = step;
        startedAt.put(step, System.nanoTime());
        steps.put(step, new StepView(step.id(), StepStatus.RUNNING.id(), 0, message));
        context.progress(step.startsAt(), step.id(), message);
        write(step, step.startsAt(), message);
    }

    @Override
    public void progress(Step step, double fraction, String message) {
        double overall = step.startsAt() + Math.clamp(fraction, 0.0, 1.0) / Step.values().length;
        context.progress(overall, step.id(), message);
        steps.put(step, new StepView(step.id(), StepStatus.RUNNING.id(), elapsedMs(step), message));
        if (System.nanoTime() / 1_000_000 - lastRowWrite >= ROW_WRITE_MS) write(step, overall, message);
    }

    /**
     * Records the step's end and writes it; when the write is refused (the row was cancelled or deleted while the step
     * ran) a step that would have been {@code done} is recorded {@code cancelled}: its work was thrown away.
     */
    @Override
    public void finished(Step step, StepStatus status, long millis, String message) {
        recordFinished(step, status, millis, message);
        if (status == StepStatus.FAILED) failed = step;
        double overall = step.startsAt() + 1.0 / Step.values().length;
        try {
            write(step, overall, message);
        } catch (JobCancelledException e) {
            if (status == StepStatus.DONE) steps.put(step, new StepView(step.id(), StepStatus.CANCELLED.id(), millis, "Cancelled"));
            throw e;
        }
    }

    /** Whether {@code step} is the one that failed. */
    boolean failedAt(Step step) {
        return failed == step;
    }

    /** Records a step's end without writing the row (the save step's end is written with the result). */
    void recordFinished(Step step, StepStatus status, long millis, String message) {
        steps.put(step, new StepView(step.id(), status.id(), millis, message));
        if (step == current) current = null;
    }

    /** The step that was running when the run stopped is marked {@code status} (cancelled, failed). */
    void stopRunningStep(StepStatus status, String message) {
        Step step = current;
        if (step == null) return;
        steps.put(step, new StepView(step.id(), status.id(), elapsedMs(step), message));
        current = null;
    }

    String stepsJson() {
        return json.writeValueAsString(steps());
    }

    List<StepView> steps() {
        return new ArrayList<>(steps.values());
    }

    private long elapsedMs(Step step) {
        Long start = startedAt.get(step);
        return start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
    }

    private void write(Step step, double overall, String message) {
        lastRowWrite = System.nanoTime() / 1_000_000;
        if (!rows.report(transformId, step.status().id(), step.id(), overall, message, stepsJson())) throw new JobCancelledException();
    }
}

package dev.lightbox.transform.pipeline;

/**
 * Where the pipeline reports each step. The job behind it stores every report and pushes it to watchers.
 * {@link #started} and {@link #progress} throw the job engine's cancellation exception when the transform was
 * cancelled meanwhile, so cancel is honoured between steps and inside generate.
 */
public interface StepReporter {

    void started(Step step, String message);

    /** Progress inside the running step, 0..1, with a message ("Blurring the background…"). */
    void progress(Step step, double fraction, String message);

    void finished(Step step, StepStatus status, long millis, String message);
}

package dev.lightbox.jobs;

/** Thrown from {@link JobContext#progress} once someone cancelled the running job. */
public class JobCancelledException extends RuntimeException {

    public JobCancelledException() {
        super("cancelled");
    }
}

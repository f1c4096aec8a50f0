package dev.lightbox.jobs;

/**
 * Code that does one type of job. Report progress through the context between steps: a cancelled job
 * learns it there (the report throws {@link JobCancelledException}) and stops. Write results so that a
 * second run after a crash overwrites rather than duplicates them (key them by job or by content).
 * The queue (cpu or gpu) a job runs on is chosen when it is enqueued ({@link JobRequest}).
 */
public interface JobHandler {

    /** The job type this handler runs, e.g. {@code library.renditions}. */
    String type();

    void run(JobContext context) throws Exception;
}

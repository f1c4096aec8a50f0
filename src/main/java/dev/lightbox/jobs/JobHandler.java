package dev.lightbox.jobs;

/**
 * Code that does one type of job, given the job's payload as the type's record. Report progress through
 * the context between steps: a cancelled job learns it there (the report throws
 * {@link JobCancelledException}) and stops. Write results so that a second run after a crash overwrites
 * rather than duplicates them (key them by job or by content). A payload that does not read into the
 * record fails the job for good, with the reason, before the handler is called.
 */
public interface JobHandler<P extends Record> {

    /** The job type this handler runs, declared next to it. */
    JobType<P> type();

    void run(JobContext context, P payload) throws Exception;

    /**
     * True for a job whose payload must not outlive its work (a deletion outbox naming a deleted account's objects):
     * when it succeeds its stored payload is replaced by {@code {}}. A failed one keeps it, so it can be retried (an admin
     * retries a job that failed for good from the queue page), until job retention deletes its row.
     */
    default boolean forgetsPayloadWhenDone() {
        return false;
    }
}

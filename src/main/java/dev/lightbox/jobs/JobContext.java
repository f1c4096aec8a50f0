package dev.lightbox.jobs;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What a running job sees of itself. */
public interface JobContext {

    UUID jobId();

    @Nullable UUID ownerId();

    int attempt();

    /**
     * Reports progress (0..1) with the current step and a message, pushed to every watching UI and API
     * client. Throws {@link JobCancelledException} when the job was cancelled meanwhile.
     */
    void progress(double fraction, String step, @Nullable String message);

    /** The job's result, stored when it succeeds (a JSON-serialisable value). */
    void result(Object result);

    /**
     * Which worker slot of its queue runs this attempt: 0 … threads−1, each slot running one job at a time.
     * On the gpu queue (one slot per GPU by default), slot {@code k} uses GPU {@code k mod count}.
     */
    int slot();
}

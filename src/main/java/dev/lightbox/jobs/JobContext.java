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
}

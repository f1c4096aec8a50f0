package dev.lightbox.storage;

import dev.lightbox.jobs.JobDeferral;
import java.time.Duration;

/** A deletion while a backup holds deletions off: put off, not failed (a job ending with it runs again later, attempts unchanged). */
public class BackupRunningException extends StorageException implements JobDeferral {

    /** How long a job waits before it tries its deletion again. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(5);

    public BackupRunningException() {
        super("A backup is running: the deletion waits until it has ended");
    }

    @Override
    public Duration deferBy() {
        return RETRY_AFTER;
    }
}

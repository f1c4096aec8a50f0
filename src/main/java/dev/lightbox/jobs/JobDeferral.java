package dev.lightbox.jobs;

import java.time.Duration;

/**
 * Implemented by an exception that means "not now" rather than "failed" (e.g. a deletion while a backup runs): a
 * job ending with it, or with it anywhere among the causes, goes back to the queue after {@link #deferBy()}
 * without using up an attempt.
 */
public interface JobDeferral {

    Duration deferBy();
}

package dev.lightbox.jobs;

import org.jspecify.annotations.Nullable;

/**
 * A change to a queue: {@code paused} null leaves it as it is; {@code threadsGiven} false leaves the threads as they
 * are, true with {@code threads} null puts every node back on its own setting.
 */
public record QueueUpdate(@Nullable Boolean paused, boolean threadsGiven, @Nullable Integer threads) {

    public static final int MAX_THREADS = 256;

    public QueueUpdate {
        if (threadsGiven && threads != null && (threads < 1 || threads > MAX_THREADS)) {
            throw new IllegalArgumentException("threads: between 1 and " + MAX_THREADS + ", or null for each node's own setting.");
        }
    }
}

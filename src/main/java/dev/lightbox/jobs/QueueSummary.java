package dev.lightbox.jobs;

import org.jspecify.annotations.Nullable;

/** One queue now: {@code queue} "cpu" or "gpu"; {@code oldestWaitSeconds} null when nothing waits. */
public record QueueSummary(String queue, boolean paused, long queued, long running, @Nullable Long oldestWaitSeconds) {
}

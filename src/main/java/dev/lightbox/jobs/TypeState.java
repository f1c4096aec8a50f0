package dev.lightbox.jobs;

import org.jspecify.annotations.Nullable;

/** One job type on one queue, for the admin's queue console. */
public record TypeState(String type, String title, JobQueue queue, boolean paused, long queued, long running, long failed24h,
                        @Nullable Long oldestWaitSeconds, double throughputPerMinute) {
}

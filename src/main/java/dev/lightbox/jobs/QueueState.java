package dev.lightbox.jobs;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One queue for the admin's queue console: {@code threads} is the admin's cluster-wide setting (null: each node's own),
 * {@code threadsOnline} what the online nodes report running with; the counts add up its {@code types}.
 */
public record QueueState(JobQueue queue, boolean paused, @Nullable Integer threads, int threadsOnline, long queued, long running,
                         long failed24h, @Nullable Long oldestWaitSeconds, double throughputPerMinute, List<TypeState> types) {
}

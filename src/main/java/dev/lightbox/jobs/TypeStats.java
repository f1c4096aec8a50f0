package dev.lightbox.jobs;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One job type over a window: {@code counts} has every status; {@code successRate} is succeeded / finished (null
 * while none finished); {@code runMs} the successful attempt's run time, {@code waitMs} created → first started.
 */
public record TypeStats(String type, String title, long total, Map<JobStatus, Long> counts, @Nullable Double successRate,
                        Percentiles runMs, Percentiles waitMs, List<StepAverage> steps) {
}

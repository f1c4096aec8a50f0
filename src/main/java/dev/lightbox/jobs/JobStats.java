package dev.lightbox.jobs;

import java.time.Instant;
import java.util.List;

/** Statistics of the jobs created in [{@code since}, {@code until}), one entry per type that has any. */
public record JobStats(Instant since, Instant until, List<TypeStats> types) {
}

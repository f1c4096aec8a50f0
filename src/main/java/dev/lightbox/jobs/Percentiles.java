package dev.lightbox.jobs;

import org.jspecify.annotations.Nullable;

/** Median and 95th percentile in milliseconds; null when there is nothing to measure. */
public record Percentiles(@Nullable Long p50, @Nullable Long p95) {
}

package dev.lightbox.skin.service;

import java.time.LocalDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A metric over time (the whole skin mask, or one region when {@code region} is set), oldest first, over
 * the analysed check-ins in the asked range. {@code change} compares the newest point with the first and
 * with the one before it; absent with fewer than two points.
 */
public record SkinTrend(SkinMetric metric, @Nullable SkinRegion region, List<Point> points, @Nullable Change change) {

    public record Point(java.util.UUID photoId, LocalDateTime takenAt, double value) {
    }

    /** Percentages are relative to the earlier value; null when that value is 0. */
    public record Change(double first, double previous, @Nullable Double percentSinceFirst, @Nullable Double percentSincePrevious) {
    }
}

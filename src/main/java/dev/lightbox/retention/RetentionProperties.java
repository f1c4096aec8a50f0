package dev.lightbox.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code LIGHTBOX_RETENTION_RESULTS} (default 30d, {@code 0} keeps them forever): how long a restyle result stays
 * after it finished unless saved to the library; {@code LIGHTBOX_RETENTION_JOBS} (default 14d, at least 1d): how long finished
 * job rows and their attempt history stay.
 */
@Validated
@ConfigurationProperties("lightbox.retention")
public record RetentionProperties(Duration results, Duration jobs) {

    /** The shortest {@code jobs}: one day. */
    public static final Duration MIN_JOBS = Duration.ofDays(1);

    public RetentionProperties {
        if (results == null) results = Duration.ofDays(30);
        if (jobs == null) jobs = Duration.ofDays(14);
        if (results.isNegative()) {
            throw new IllegalArgumentException("lightbox.retention.results must be a duration such as 30d or 12h, or 0 to keep results forever");
        }
        if (jobs.isNegative() || jobs.isZero()) {
            throw new IllegalArgumentException("lightbox.retention.jobs must be a positive duration such as 14d");
        }
        if (jobs.compareTo(MIN_JOBS) < 0) {
            // the daily sweep is queued once a day by a dedupe key its own job row holds: deleting that row the same day re-queues it hourly
            throw new IllegalArgumentException("lightbox.retention.jobs must be at least 1d (the daily sweep's own job must outlive its day)");
        }
    }

    /** Whether results expire at all. */
    public boolean resultsExpire() {
        return !results.isZero();
    }
}

package dev.lightbox.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code LIGHTBOX_RETENTION_RESULTS} (default 30d, {@code 0} keeps them forever): how long a restyle result stays
 * after it finished unless saved to the library; {@code LIGHTBOX_RETENTION_JOBS} (default 14d): how long finished
 * job rows and their attempt history stay.
 */
@Validated
@ConfigurationProperties("lightbox.retention")
public record RetentionProperties(Duration results, Duration jobs) {

    public RetentionProperties {
        if (results == null) results = Duration.ofDays(30);
        if (jobs == null) jobs = Duration.ofDays(14);
        if (results.isNegative()) {
            throw new IllegalArgumentException("lightbox.retention.results must be a duration such as 30d or 12h, or 0 to keep results forever");
        }
        if (jobs.isNegative() || jobs.isZero()) {
            throw new IllegalArgumentException("lightbox.retention.jobs must be a positive duration such as 14d");
        }
    }

    /** Whether results expire at all. */
    public boolean resultsExpire() {
        return !results.isZero();
    }
}

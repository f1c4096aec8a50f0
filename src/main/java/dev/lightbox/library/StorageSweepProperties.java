package dev.lightbox.library;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code LIGHTBOX_STORAGE_SWEEP_INTERVAL} (default 10m): how often one node sweeps the bucket for objects
 * nothing references; {@code LIGHTBOX_STORAGE_SWEEP_GRACE} (default 10m): how old such an object must be.
 */
@Validated
@ConfigurationProperties("lightbox.storage")
public record StorageSweepProperties(Duration sweepInterval, Duration sweepGrace) {

    public StorageSweepProperties {
        if (sweepInterval == null) sweepInterval = Duration.ofMinutes(10);
        if (sweepGrace == null) sweepGrace = Duration.ofMinutes(10);
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("lightbox.storage.sweep-interval must be positive, e.g. 10m");
        }
        if (sweepGrace.isNegative()) throw new IllegalArgumentException("lightbox.storage.sweep-grace must not be negative");
    }
}

package dev.lightbox.transform.pipeline;

import java.util.Locale;

/** Seed 002's statuses, plus {@code expired}: the retention sweep removed the result images. */
public enum TransformStatus {
    QUEUED, ANALYZING, GENERATING, VALIDATING, COMPLETED, FAILED, CANCELLED, EXPIRED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TransformStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == EXPIRED;
    }
}

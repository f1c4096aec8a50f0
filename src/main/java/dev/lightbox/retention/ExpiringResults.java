package dev.lightbox.retention;

import java.time.Instant;

/**
 * Results that expire under {@code LIGHTBOX_RETENTION_RESULTS}, implemented by the module that keeps them (restyle
 * results): the retention sweep asks each to remove what expired by {@code now}, a batch at a time.
 */
public interface ExpiringResults {

    /** How many results one call expired and the bytes their objects freed. */
    record Expired(int results, long bytes) {
    }

    /**
     * Expires up to {@code limit} results due by {@code now}: the rows stop naming them (committed) before their
     * objects are deleted. Safe to run on several nodes at once.
     */
    Expired expire(Instant now, int limit);
}

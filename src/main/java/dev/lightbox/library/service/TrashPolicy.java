package dev.lightbox.library.service;

import java.time.Duration;
import java.time.Instant;

/**
 * What deleting a photo means under {@code LIGHTBOX_TRASH_DAYS}: with days above 0 the photo waits in the trash that
 * long (everything kept, restorable) before the retention sweep deletes it; with 0 it is deleted at once.
 */
public record TrashPolicy(int days) {

    public TrashPolicy {
        if (days < 0) throw new IllegalArgumentException("trash days: 0 or more, not " + days);
    }

    /** Whether a delete moves photos to the trash (else it deletes them forever at once). */
    public boolean trashes() {
        return days > 0;
    }

    /** When a photo trashed at {@code trashedAt} is deleted forever. */
    public Instant expiresAt(Instant trashedAt) {
        return trashedAt.plus(Duration.ofDays(days));
    }

    /** Photos trashed before this are due to be deleted forever at {@code now}. */
    public Instant cutoff(Instant now) {
        return now.minus(Duration.ofDays(days));
    }
}

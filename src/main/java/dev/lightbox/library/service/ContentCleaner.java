package dev.lightbox.library.service;

import dev.lightbox.jobs.JobService;
import dev.lightbox.library.domain.PhotoRepository;
import dev.lightbox.storage.ObjectStore;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes a content's stored original and renditions once nothing needs them: no photo row references
 * the hash and no upload in flight (other than {@code except}) may still rely on its original.
 * <p>
 * The check and the deletes run under the content lock, the same lock an upload takes to claim the
 * original and to insert its row: an upload that comes later finds the original gone and copies it
 * again, one that came earlier has claimed it and keeps it. The transaction here only holds that lock
 * (it writes only the release of the renditions' dedupe key), so no database change waits on a storage effect.
 */
@Component
class ContentCleaner {

    private final PhotoRepository photos;
    private final InFlightUploads inFlight;
    private final ObjectStore store;
    private final TransactionTemplate transaction;
    private final JobService jobs;
    private final ApplicationEventPublisher events;

    ContentCleaner(PhotoRepository photos, InFlightUploads inFlight, ObjectStore store, TransactionTemplate transaction, JobService jobs,
                   ApplicationEventPublisher events) {
        this.events = events;
        this.jobs = jobs;
        this.photos = photos;
        this.inFlight = inFlight;
        this.store = store;
        this.transaction = transaction;
    }

    /** True when the content's objects were removed (or were already gone), false when something still needs them. */
    boolean deleteIfUnreferenced(String sha256, @Nullable UUID except) {
        return deleteIfUnreferenced(sha256, except, false);
    }

    /**
     * As {@link #deleteIfUnreferenced(String, UUID)}; with {@code forget}, {@link ContentForgotten} also lets modules
     * drop their rows about the content, in the same transaction, under the content lock.
     */
    boolean deleteIfUnreferenced(String sha256, @Nullable UUID except, boolean forget) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            photos.lockContent(sha256);
            if (photos.countOriginalReferences(sha256) > 0 || inFlight.originalClaimed(PhotoKeys.original(sha256), except)) return false;
            if (forget) events.publishEvent(new ContentForgotten(sha256));
            store.delete(PhotoKeys.original(sha256));
            store.delete(PhotoKeys.preview(sha256));
            store.delete(PhotoKeys.thumbnail(sha256));
            jobs.releaseDedupeKey(RenditionsJob.dedupeKey(sha256)); // the same bytes uploaded again get renditions again
            return true;
        }));
    }
}

package dev.lightbox.library.service;

import dev.lightbox.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Removes what an upload left behind, as its {@link InFlightUploads} record names it: the temporary object
 * (and, after a crash, its unfinished multipart uploads), the original unless a row or another upload
 * needs it, then the record. An upload calls this when it ends; at startup a node calls it for every
 * record its earlier processes left (they will never finish), at once, with no age threshold.
 */
@Component
class UploadLeftovers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(UploadLeftovers.class);

    private final InFlightUploads inFlight;
    private final ContentCleaner cleaner;
    private final ObjectStore store;
    private final java.util.Queue<InFlightUploads.Record> failed = new java.util.concurrent.ConcurrentLinkedQueue<>();

    UploadLeftovers(InFlightUploads inFlight, ContentCleaner cleaner, ObjectStore store) {
        this.inFlight = inFlight;
        this.cleaner = cleaner;
        this.store = store;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            int removed = removeLeftByEarlierIncarnations();
            if (removed > 0) log.info("Removed the leftovers of {} upload(s) interrupted when this node last stopped", removed);
        } catch (RuntimeException e) { // the database or S3 is not reachable yet: the periodic sweep tries again
            log.warn("Could not remove the leftovers of interrupted uploads at startup: {}", e.getMessage());
        }
    }

    /** Also called by every sweep, in case the database or S3 was unreachable at startup. */
    int removeLeftByEarlierIncarnations() {
        int removed = 0;
        for (var record : inFlight.leftByEarlierIncarnations()) {
            try {
                remove(record, true);
                removed++;
            } catch (RuntimeException e) {
                log.warn("Could not remove the leftovers of upload {}: {} (tried again by the next sweep)", record.id(), e.getMessage());
            }
        }
        return removed;
    }

    /**
     * At the end of an upload: never throws. When the cleanup fails (the database or S3 is down), the
     * record stays and the upload is remembered, so the next sweep of this process tries again.
     */
    void removeQuietly(InFlightUploads.Record record) {
        try {
            remove(record, false);
        } catch (RuntimeException e) {
            failed.add(record);
            log.warn("Could not clean up after upload {}: {} (its record stays; the next sweep or startup removes its objects)",
                    record.id(), e.getMessage());
        }
    }

    /** Tries again to clean up after this process's uploads whose cleanup failed; returns how many succeeded. */
    int retryFailed() {
        int removed = 0;
        for (int i = failed.size(); i > 0; i--) {
            InFlightUploads.Record record = failed.poll();
            if (record == null) break;
            try {
                remove(record, true);
                removed++;
            } catch (RuntimeException e) {
                failed.add(record);
            }
        }
        return removed;
    }

    /** {@code interrupted}: the upload's process died, so a multipart upload of its temporary object may be unfinished. */
    void remove(InFlightUploads.Record record, boolean interrupted) {
        if (interrupted) store.listIncompleteUploads(record.tempKey()).forEach(store::abort);
        store.delete(record.tempKey());
        String originalKey = record.originalKey();
        if (originalKey != null) {
            // a copy cut short by the crash can leave the S3 server's own partial file beside the key (s3proxy's
            // filesystem backend writes "<key>-<uuid>" and renames): never a real key, which is exactly 64 hex digits
            if (interrupted) store.list(originalKey + "-").forEach(partial -> store.delete(partial.key()));
            cleaner.deleteIfUnreferenced(originalKey.substring(PhotoKeys.ORIGINALS_PREFIX.length()), record.id());
        }
        inFlight.forget(record);
    }
}

package dev.lightbox.library.service;

import dev.lightbox.library.StorageSweepProperties;
import dev.lightbox.library.domain.PhotoRepository;
import dev.lightbox.storage.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every {@code LIGHTBOX_STORAGE_SWEEP_INTERVAL} (10 minutes), one node at a time ({@link SweepLock})
 * removes what no crash-free path would have left and no restart of its node has removed:
 * <ul>
 * <li>what this process's uploads left when their own cleanup failed (the database or S3 was down),
 * this node's interrupted uploads if its startup could not remove them, and any node's in-flight
 * records older than a day (their process is gone for good), with what they name;</li>
 * <li>objects under {@code uploads/} and unfinished multipart uploads there that no record names;</li>
 * <li>originals and renditions no photo row references and no upload in flight claims (checked again
 * under the content's lock, so an upload or delete running meanwhile is never mistaken for an orphan).</li>
 * </ul>
 * Only objects older than {@code LIGHTBOX_STORAGE_SWEEP_GRACE} (10 minutes) are candidates. The bucket
 * is read page by page, so a large library costs time, not memory.
 */
@Component
class StorageSweep implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StorageSweep.class);
    /** No upload is in flight for longer than this: a record this old belongs to a dead process. */
    static final Duration RECORD_LIFETIME = Duration.ofDays(1);
    private static final int BATCH = 500;

    record Removed(int records, int temporaryObjects, int multipartUploads, int contents) {
        int total() {
            return records + temporaryObjects + multipartUploads + contents;
        }
    }

    private final ObjectStore store;
    private final InFlightUploads inFlight;
    private final UploadLeftovers leftovers;
    private final ContentCleaner cleaner;
    private final PhotoRepository photos;
    private final SweepLock lock;
    private final StorageSweepProperties settings;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("storage-sweep").daemon().factory());

    StorageSweep(ObjectStore store, InFlightUploads inFlight, UploadLeftovers leftovers, ContentCleaner cleaner, PhotoRepository photos,
                 SweepLock lock, StorageSweepProperties settings, Clock clock) {
        this.store = store;
        this.inFlight = inFlight;
        this.leftovers = leftovers;
        this.cleaner = cleaner;
        this.photos = photos;
        this.lock = lock;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        long every = settings.sweepInterval().toMillis();
        timer.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Storage sweep failed: {} (tried again in {})", e.getMessage(), settings.sweepInterval());
        }
    }

    /** Sweeps now unless another node is sweeping; returns what was removed (all zero when skipped). */
    Removed sweep() {
        Removed[] result = {new Removed(0, 0, 0, 0)};
        lock.runExclusively(() -> result[0] = sweepHoldingLock());
        if (result[0].total() > 0) log.info("Storage sweep removed {}", result[0]);
        return result[0];
    }

    private Removed sweepHoldingLock() {
        Instant cutoff = clock.instant().minus(settings.sweepGrace());
        int records = leftovers.retryFailed() + leftovers.removeLeftByEarlierIncarnations();
        for (var stale : inFlight.olderThan(RECORD_LIFETIME)) {
            leftovers.remove(stale, true);
            records++;
        }
        // a temporary object or multipart upload no record names is garbage: its record is written before it, deleted after it
        int temporaryObjects = 0;
        for (var object : store.list(PhotoKeys.UPLOADS_PREFIX)) {
            if (object.lastModified().isBefore(cutoff) && !inFlight.namesTempKey(object.key())) {
                store.delete(object.key());
                temporaryObjects++;
            }
        }
        int multipartUploads = 0;
        for (var upload : store.listIncompleteUploads(PhotoKeys.UPLOADS_PREFIX)) {
            if (upload.initiated().isBefore(cutoff) && !inFlight.namesTempKey(upload.key())) {
                store.abort(upload);
                multipartUploads++;
            }
        }
        int[] contents = {0};
        Set<String> batch = new LinkedHashSet<>();
        java.util.function.Consumer<String> candidate = sha256 -> {
            batch.add(sha256);
            if (batch.size() >= BATCH) contents[0] += removeUnreferenced(batch);
        };
        store.forEach(PhotoKeys.ORIGINALS_PREFIX, object -> {
            if (object.lastModified().isBefore(cutoff)) candidate.accept(object.key().substring(PhotoKeys.ORIGINALS_PREFIX.length()));
        });
        store.forEach(PhotoKeys.DERIVED_PREFIX, object -> {
            int slash = object.key().indexOf('/', PhotoKeys.DERIVED_PREFIX.length());
            if (slash > 0 && object.lastModified().isBefore(cutoff)) candidate.accept(object.key().substring(PhotoKeys.DERIVED_PREFIX.length(), slash));
        });
        contents[0] += removeUnreferenced(batch);
        return new Removed(records, temporaryObjects, multipartUploads, contents[0]);
    }

    /** Removes the contents of the batch no row references (re-checked under each content's lock, with uploads in flight); empties the batch. */
    private int removeUnreferenced(Set<String> batch) {
        if (batch.isEmpty()) return 0;
        Set<String> referenced = new HashSet<>(photos.referencedAmong(batch));
        int removed = 0;
        for (String sha256 : batch) {
            if (!referenced.contains(sha256) && cleaner.deleteIfUnreferenced(sha256, null)) removed++;
        }
        batch.clear();
        return removed;
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}

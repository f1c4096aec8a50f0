package dev.lightbox.library.service;

import dev.lightbox.library.StorageSweepProperties;
import dev.lightbox.library.domain.PhotoRepository;
import dev.lightbox.storage.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
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
 * <li>in-flight upload records older than a day (their process is gone for good), with what they name;</li>
 * <li>objects under {@code uploads/} and unfinished multipart uploads there that no recent record names;</li>
 * <li>originals and renditions no photo row references and no upload in flight claims.</li>
 * </ul>
 * Only objects older than {@code LIGHTBOX_STORAGE_SWEEP_GRACE} (10 minutes) are candidates, and objects
 * are listed before records are read, so an upload that starts during the sweep is never mistaken for one.
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
        // list objects first: anything an upload writes after this listing is not a candidate
        List<ObjectStore.ListedObject> temporary = store.list(PhotoKeys.UPLOADS_PREFIX);
        List<ObjectStore.IncompleteUpload> multipart = store.listIncompleteUploads(PhotoKeys.UPLOADS_PREFIX);
        List<ObjectStore.ListedObject> originals = store.list(PhotoKeys.ORIGINALS_PREFIX);
        List<ObjectStore.ListedObject> derived = store.list(PhotoKeys.DERIVED_PREFIX);

        int records = 0;
        for (var stale : inFlight.olderThan(RECORD_LIFETIME)) {
            leftovers.remove(stale, true);
            records++;
        }
        Set<String> liveTemp = new HashSet<>(inFlight.liveTempKeys(RECORD_LIFETIME));
        int temporaryObjects = 0;
        for (var object : temporary) {
            if (object.lastModified().isBefore(cutoff) && !liveTemp.contains(object.key())) {
                store.delete(object.key());
                temporaryObjects++;
            }
        }
        int multipartUploads = 0;
        for (var upload : multipart) {
            if (upload.initiated().isBefore(cutoff) && !liveTemp.contains(upload.key())) {
                store.abort(upload);
                multipartUploads++;
            }
        }
        // content hashes with an old enough object under originals/ or derived/, then those no row references
        Set<String> candidates = new java.util.LinkedHashSet<>();
        for (var object : originals) {
            if (object.lastModified().isBefore(cutoff)) candidates.add(object.key().substring(PhotoKeys.ORIGINALS_PREFIX.length()));
        }
        for (var object : derived) {
            String rest = object.key().substring(PhotoKeys.DERIVED_PREFIX.length());
            int slash = rest.indexOf('/');
            if (slash > 0 && object.lastModified().isBefore(cutoff)) candidates.add(rest.substring(0, slash));
        }
        Set<String> claimed = new HashSet<>(inFlight.liveOriginalKeys(RECORD_LIFETIME));
        int contents = 0;
        List<String> hashes = List.copyOf(candidates);
        for (int from = 0; from < hashes.size(); from += BATCH) {
            List<String> batch = hashes.subList(from, Math.min(hashes.size(), from + BATCH));
            Set<String> referenced = new HashSet<>(photos.referencedAmong(batch));
            for (String sha256 : batch) {
                if (referenced.contains(sha256) || claimed.contains(PhotoKeys.original(sha256))) continue;
                if (cleaner.deleteIfUnreferenced(sha256, null)) contents++; // re-checked under the content lock
            }
        }
        return new Removed(records, temporaryObjects, multipartUploads, contents);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}

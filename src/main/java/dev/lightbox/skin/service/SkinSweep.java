package dev.lightbox.skin.service;

import dev.lightbox.library.StorageSweepProperties;
import dev.lightbox.library.service.PhotoDeleted;
import dev.lightbox.skin.domain.SkinRepository;
import dev.lightbox.storage.ObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the face crops ({@code skin/…}, outside the library's layout, so the library's sweep never looks at
 * them) in step with the rows. A deleted photo whose content no check-in holds any more takes its analyses
 * with it (in the delete's transaction) and their objects after the commit. Every storage sweep interval,
 * objects under {@code skin/} older than the sweep grace that no analysis names are removed: what a crash
 * between storing a crop and its row, or a failed delete, left.
 */
@Component
class SkinSweep implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SkinSweep.class);
    private static final int BATCH = 500;

    private final SkinRepository repository;
    private final SkinResults results;
    private final ObjectStore store;
    private final StorageSweepProperties settings;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("skin-sweep").daemon().factory());

    SkinSweep(SkinRepository repository, SkinResults results, ObjectStore store, StorageSweepProperties settings, Clock clock) {
        this.repository = repository;
        this.results = results;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** Runs in the photo delete's transaction (the check-in went with the photo). */
    @EventListener
    void onPhotoDeleted(PhotoDeleted deleted) {
        List<String> keys = repository.deleteAnalysesUnlessCheckedIn(deleted.sha256());
        if (keys.isEmpty() || !TransactionSynchronizationManager.isSynchronizationActive()) return;
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                results.deleteQuietly(keys);
            }
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        long every = settings.sweepInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweep(clock.instant().minus(settings.sweepGrace()));
            } catch (RuntimeException e) {
                log.warn("Skin sweep failed: {} (tried again in {})", e.getMessage(), settings.sweepInterval());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** Removes the objects under {@code skin/} last modified before {@code cutoff} that no analysis names; returns how many. */
    int sweep(Instant cutoff) {
        int[] removed = {0};
        var batch = new ArrayList<String>();
        store.forEach(SkinResults.PREFIX, object -> {
            if (!object.lastModified().isBefore(cutoff)) return;
            batch.add(object.key());
            if (batch.size() >= BATCH) removed[0] += removeUnnamed(batch);
        });
        removed[0] += removeUnnamed(batch);
        if (removed[0] > 0) log.info("Skin sweep removed {} face crop object(s) no analysis names", removed[0]);
        return removed[0];
    }

    private int removeUnnamed(List<String> batch) {
        var named = repository.namedKeys(batch);
        int removed = 0;
        for (String key : batch) {
            if (!named.contains(key)) {
                store.delete(key);
                removed++;
            }
        }
        batch.clear();
        return removed;
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}

package dev.lightbox.transform.service;

import dev.lightbox.library.StorageSweepProperties;
import dev.lightbox.storage.ObjectStore;
import dev.lightbox.transform.domain.TransformRepository;
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

/**
 * Objects under {@code results/} (outside the library's layout, so the library's sweep never looks at them) that no
 * transform names and that are older than {@code LIGHTBOX_STORAGE_SWEEP_GRACE}: what a crash between storing a
 * result and its row, or a failed delete, left. Runs every storage sweep interval on each node (running twice at
 * once is harmless: a row names its objects only after they were stored, and the grace covers that moment).
 */
@Component
class TransformSweep implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TransformSweep.class);
    private static final int BATCH = 500;

    private final TransformRepository rows;
    private final ObjectStore store;
    private final StorageSweepProperties settings;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("results-sweep").daemon().factory());

    TransformSweep(TransformRepository rows, ObjectStore store, StorageSweepProperties settings, Clock clock) {
        this.rows = rows;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        long every = settings.sweepInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweep(clock.instant().minus(settings.sweepGrace()));
            } catch (RuntimeException e) {
                log.warn("Results sweep failed: {} (tried again in {})", e.getMessage(), settings.sweepInterval());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** Removes the objects under {@code results/} last modified before {@code cutoff} that no transform names; returns how many. */
    int sweep(Instant cutoff) {
        int[] removed = {0};
        var batch = new ArrayList<String>();
        store.forEach(TransformResults.PREFIX, object -> {
            if (!object.lastModified().isBefore(cutoff)) return;
            batch.add(object.key());
            if (batch.size() >= BATCH) removed[0] += removeUnnamed(batch);
        });
        removed[0] += removeUnnamed(batch);
        if (removed[0] > 0) log.info("Results sweep removed {} restyle result object(s) no transform names", removed[0]);
        return removed[0];
    }

    private int removeUnnamed(List<String> batch) {
        var named = rows.namedKeys(batch);
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

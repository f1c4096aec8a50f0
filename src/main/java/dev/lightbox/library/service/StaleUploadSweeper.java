package dev.lightbox.library.service;

import dev.lightbox.storage.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** At startup, removes temporary upload objects a crashed process left behind (older than an hour). */
@Component
class StaleUploadSweeper implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StaleUploadSweeper.class);
    private static final Duration AGE = Duration.ofHours(1);

    private final ObjectStore store;
    private final Clock clock;

    StaleUploadSweeper(ObjectStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        var cutoff = clock.instant().minus(AGE);
        int removed = 0;
        for (var object : store.list(PhotoKeys.UPLOADS_PREFIX)) {
            if (object.lastModified().isBefore(cutoff)) {
                store.delete(object.key());
                removed++;
            }
        }
        if (removed > 0) log.info("Removed {} temporary upload object(s) left by an interrupted upload", removed);
    }
}

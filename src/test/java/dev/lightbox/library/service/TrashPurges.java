package dev.lightbox.library.service;

import dev.lightbox.retention.ExpiringResults;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.aop.support.AopUtils;

/** The trash's part of the retention sweep for one owner only: tests never purge the trash of another test's users. */
public final class TrashPurges {

    private TrashPurges() {
    }

    /** Runs the owner's purge at {@code now} in batches of {@code limit} until nothing is left; returns what it deleted. */
    public static ExpiringResults.Expired purge(List<ExpiringResults> expiring, Instant now, int limit, UUID owner) {
        TrashPurge trash = expiring.stream().filter(e -> AopUtils.getTargetClass(e) == TrashPurge.class).map(TrashPurge.class::cast)
                .findFirst().orElseThrow();
        int results = 0;
        long bytes = 0;
        ExpiringResults.Expired batch;
        do {
            batch = trash.expire(now, limit, owner);
            results += batch.results();
            bytes += batch.bytes();
        } while (batch.results() == limit);
        return new ExpiringResults.Expired(results, bytes);
    }
}

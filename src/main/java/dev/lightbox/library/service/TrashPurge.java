package dev.lightbox.library.service;

import dev.lightbox.library.domain.Photo;
import dev.lightbox.library.domain.PhotoRepository;
import dev.lightbox.retention.ExpiringResults;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The trash under retention: photos trashed longer than {@code LIGHTBOX_TRASH_DAYS} are deleted forever through the
 * ordinary delete path ({@link PhotoDeleted} events, and a {@link ContentDeletionJob} queued in the same transaction for a
 * content nothing else references, so its objects go only after the commit). Each batch locks its rows with SKIP LOCKED:
 * sweeps on several nodes share the work and a second sweep finds nothing left.
 */
@Component
class TrashPurge implements ExpiringResults {

    private static final Logger log = LoggerFactory.getLogger(TrashPurge.class);

    private final PhotoRepository photos;
    private final PhotoService library;

    TrashPurge(PhotoRepository photos, PhotoService library) {
        this.photos = photos;
        this.library = library;
    }

    @Override
    @Transactional
    public Expired expire(Instant now, int limit) {
        return expire(now, limit, null);
    }

    /** The sweep for one owner's trash only (tests use it so they never purge another test's trash). */
    @Transactional
    Expired expire(Instant now, int limit, @Nullable UUID owner) {
        Instant cutoff = library.trashPolicy().cutoff(now);
        List<UUID> candidates = photos.expiredTrashIds(cutoff, owner, limit);
        if (candidates.isEmpty()) return new Expired(0, 0);
        photos.lockTrashedContents(owner, candidates);
        List<Photo> due = photos.lockExpiredTrash(candidates, cutoff);
        long bytes = 0;
        for (Photo photo : due) bytes += library.deleteForever(photo);
        if (!due.isEmpty()) log.info("Trash: {} expired photo(s) deleted forever", due.size());
        return new Expired(due.size(), bytes);
    }
}

package dev.lightbox.library.service;

import dev.lightbox.library.domain.Photo;
import dev.lightbox.library.domain.PhotoRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The owner's trash: photos they deleted while {@code LIGHTBOX_TRASH_DAYS} is above 0. A trashed photo keeps every row
 * (attributes, scores, labels, rating, skin data) and its media; it is only left out of every listing. Restoring brings
 * it back as it was; deleting it forever (or the retention sweep, once it expired) takes the ordinary delete path.
 */
@Service
public class TrashService {

    public static final int MAX_PAGE = 200;
    /** Emptying the trash deletes this many photos per statement batch. */
    static final int EMPTY_BATCH = 200;

    private final PhotoRepository photos;
    private final PhotoService library;

    TrashService(PhotoRepository photos, PhotoService library) {
        this.photos = photos;
        this.library = library;
    }

    /** A photo in the trash and when it will be deleted forever. */
    public record Trashed(PhotoView photo, Instant trashedAt, Instant expiresAt) {
    }

    public record Page(List<Trashed> items, @Nullable String nextCursor) {
    }

    /** Newest trashed first, {@code limit} (1–{@link #MAX_PAGE}) at a time; {@code cursor} is the previous page's nextCursor. */
    @Transactional(readOnly = true)
    public Page page(UUID ownerId, @Nullable String cursor, int limit) {
        int size = Math.clamp(limit, 1, MAX_PAGE);
        @Nullable Instant afterAt = null;
        @Nullable UUID afterId = null;
        if (cursor != null && !cursor.isBlank()) {
            String[] parts = KeysetCursor.decode(cursor, 2).orElseThrow(TrashService::badCursor);
            try {
                afterAt = Instant.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
            } catch (RuntimeException malformed) {
                throw badCursor();
            }
        }
        List<Photo> rows = photos.trashed(ownerId, afterAt, afterId, size + 1);
        List<Trashed> items = rows.stream().limit(size).map(this::trashed).toList();
        String next = rows.size() > size ? KeysetCursor.encode(items.getLast().trashedAt(), items.getLast().photo().id()) : null;
        return new Page(items, next);
    }

    private static IllegalArgumentException badCursor() {
        return new IllegalArgumentException("cursor: not a cursor this server issued");
    }

    private Trashed trashed(Photo photo) {
        Instant at = java.util.Objects.requireNonNull(photo.getTrashedAt());
        return new Trashed(PhotoView.of(photo), at, library.trashPolicy().expiresAt(at));
    }

    /** When the owner's photo in the trash will be deleted forever; empty when it is not in their trash. */
    @Transactional(readOnly = true)
    public Optional<Trashed> find(UUID ownerId, UUID photoId) {
        return photos.findByIdAndOwnerId(photoId, ownerId).filter(p -> p.getTrashedAt() != null).map(this::trashed);
    }

    @Transactional(readOnly = true)
    public long count(UUID ownerId) {
        return photos.countTrashed(ownerId);
    }

    /** Brings the photo back to the library as it was; empty when it is not in the owner's trash. */
    @Transactional
    public Optional<PhotoView> restore(UUID ownerId, UUID photoId) {
        if (photos.restore(ownerId, photoId) == 0) return Optional.empty();
        return photos.findByIdAndOwnerId(photoId, ownerId).map(PhotoView::of);
    }

    /** Deletes one photo of the owner's trash forever; false when it is not in their trash. */
    public boolean deleteForever(UUID ownerId, UUID photoId) {
        return library.deleteTrashedForever(ownerId, Set.of(photoId)) == 1;
    }

    /**
     * Deletes everything in the owner's trash forever, a batch per transaction; returns how many photos went. Each batch
     * re-checks under a row lock that its photos are still in the trash (an Undo or restore may land in between).
     */
    public int empty(UUID ownerId) {
        int deleted = 0;
        List<UUID> batch;
        do {
            batch = photos.trashedIds(ownerId, EMPTY_BATCH);
            if (!batch.isEmpty()) deleted += library.deleteTrashedForever(ownerId, batch);
        } while (batch.size() == EMPTY_BATCH);
        return deleted;
    }
}

package dev.lightbox.library.service;

import dev.lightbox.jobs.JobService;
import dev.lightbox.library.TrashProperties;
import dev.lightbox.library.domain.ImageFormat;
import dev.lightbox.library.domain.Photo;
import dev.lightbox.library.domain.PhotoRepository;
import dev.lightbox.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import org.bytedeco.opencv.opencv_core.Mat;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading and deleting a user's photos. Pages are keyset pages on (taken_at, id), newest first: a page
 * deep in a million photos costs what the first one does. Another user's photo is simply not found.
 */
@Service
public class PhotoService {

    public static final int MAX_PAGE = 500;
    private static final Logger log = LoggerFactory.getLogger(PhotoService.class);

    private final PhotoRepository photos;
    private final ObjectStore store;
    private final JobService jobs;
    private final List<PhotoRanking> rankings;
    private final ApplicationEventPublisher events;
    private final TrashPolicy trash;
    private final Clock clock;

    PhotoService(PhotoRepository photos, ObjectStore store, JobService jobs, List<PhotoRanking> rankings,
                 ApplicationEventPublisher events, TrashProperties trash, Clock clock) {
        this.trash = new TrashPolicy(trash.days());
        this.clock = clock;
        this.photos = photos;
        this.store = store;
        this.jobs = jobs;
        this.rankings = rankings;
        this.events = events;
    }

    /** {@code ranks}: each item's score when the page was ranked or filtered by score, else empty. */
    public record Page(List<PhotoView> items, @Nullable String nextCursor, Map<UUID, PhotoRanking.Ranked> ranks) {
        public Page(List<PhotoView> items, @Nullable String nextCursor) {
            this(items, nextCursor, Map.of());
        }
    }

    public record Neighbors(@Nullable UUID newer, @Nullable UUID older) {
    }

    public enum Rendition { THUMBNAIL, PREVIEW, ORIGINAL }

    /**
     * What to send for one rendition: its key, type, the content hash that identifies its bytes, the upload's
     * file name; {@code synced} is the photo when it was synced without its original (nothing stored to send).
     */
    public record Media(String key, String contentType, String sha256, Rendition rendition, @Nullable String filename,
                        @Nullable PhotoView synced) {
    }

    /** Newest first, {@code limit} at a time; {@code cursor} is the previous page's nextCursor. */
    @Transactional(readOnly = true)
    public Page timeline(UUID ownerId, @Nullable String cursor, int limit) {
        int size = Math.clamp(limit, 1, MAX_PAGE);
        List<Photo> rows = cursor == null || cursor.isBlank()
                ? photos.newest(ownerId, size + 1)
                : decode(cursor).map(c -> photos.olderThan(ownerId, c.takenAt(), c.id(), size + 1))
                        .orElseThrow(() -> new IllegalArgumentException("cursor: not a cursor this server issued"));
        boolean more = rows.size() > size;
        List<PhotoView> items = rows.stream().limit(size).map(PhotoView::of).toList();
        return new Page(items, more ? encode(items.getLast()) : null);
    }

    /**
     * The library as {@code query} asks: the plain timeline, or ordered/filtered by score through the
     * {@link PhotoRanking} (whose cursors it issues). Items keep the ranking's order.
     */
    @Transactional(readOnly = true)
    public Page list(UUID ownerId, PhotoQuery query, @Nullable String cursor, int limit) {
        if (query.isPlainTimeline()) return timeline(ownerId, cursor, limit);
        PhotoFlag flag = query.flag();
        String q = query.q();
        if (query.isLibraryOnly() && q != null) return searched(ownerId, q, flag, cursor, limit);
        if (query.isLibraryOnly() && flag != null) return flagged(ownerId, flag, cursor, limit);
        PhotoRanking ranking = rankings.stream().filter(r -> r.supports(query)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                query.labelFiltered() ? "label: one label filter at a time, not combined with score sorting or score filters."
                        : "sort: scores are not available on this server."));
        PhotoRanking.Page ranked = q == null ? ranking.page(ownerId, query, cursor, Math.clamp(limit, 1, MAX_PAGE))
                : searchedRanked(ranking, ownerId, query, q, cursor, Math.clamp(limit, 1, MAX_PAGE));
        var byId = new HashMap<UUID, Photo>();
        photos.findAllById(ranked.items().stream().map(PhotoRanking.Ranked::photoId).toList()).forEach(p -> byId.put(p.getId(), p));
        var items = new ArrayList<PhotoView>();
        var ranks = new LinkedHashMap<UUID, PhotoRanking.Ranked>();
        for (PhotoRanking.Ranked rank : ranked.items()) {
            Photo photo = byId.get(rank.photoId());
            if (photo == null || !photo.getOwnerId().equals(ownerId) || photo.getTrashedAt() != null) continue; // deleted or trashed meanwhile
            items.add(PhotoView.of(photo));
            if (!Double.isNaN(rank.score())) ranks.put(photo.getId(), rank);
        }
        return new Page(items, ranked.nextCursor(), ranks);
    }

    /** Newest first, only photos whose searchable text contains {@code q} (and with the flag, when given); the cursor is the timeline's. */
    private Page searched(UUID ownerId, String q, @Nullable PhotoFlag flag, @Nullable String cursor, int limit) {
        int size = Math.clamp(limit, 1, MAX_PAGE);
        @Nullable Cursor after = cursor == null || cursor.isBlank() ? null
                : decode(cursor).orElseThrow(() -> new IllegalArgumentException("cursor: not a cursor this server issued"));
        List<Photo> rows = photos.searched(ownerId, PhotoSearch.pattern(q), flag == null ? null : flag.name(), after == null ? null : after.takenAt(),
                after == null ? null : after.id(), size + 1);
        List<PhotoView> items = rows.stream().limit(size).map(PhotoView::of).toList();
        return new Page(items, rows.size() > size ? encode(items.getLast()) : null);
    }

    /** Ranked pages scanned at most this many rows per request when a search filters them (the cursor goes on from there). */
    static final int MAX_SEARCH_SCAN = 5000;
    /** And at most this many ranked pages (a tiny {@code limit} with a rare word would otherwise read thousands). */
    static final int MAX_SEARCH_ROUNDS = 20;

    /**
     * A ranking's order with a search on top: its pages, each no longer than what is still wanted, are filtered
     * to the matching photos until the page is full, the ranking ends or {@link #MAX_SEARCH_SCAN} rows were read.
     * Every row of each page read is consumed, so the ranking's own cursor is exactly where the next page starts
     * (a page may hold fewer than {@code limit} items and still have a next cursor).
     */
    private PhotoRanking.Page searchedRanked(PhotoRanking ranking, UUID ownerId, PhotoQuery query, String q, @Nullable String cursor, int limit) {
        String pattern = PhotoSearch.pattern(q);
        var found = new ArrayList<PhotoRanking.Ranked>();
        @Nullable String next = cursor;
        int scanned = 0;
        int rounds = 0;
        do {
            PhotoRanking.Page page = ranking.page(ownerId, query, next, limit - found.size());
            scanned += page.items().size();
            next = page.nextCursor();
            if (page.items().isEmpty()) break;
            var matching = new java.util.HashSet<>(photos.searchedAmong(ownerId, page.items().stream().map(PhotoRanking.Ranked::photoId).toList(), pattern));
            page.items().stream().filter(r -> matching.contains(r.photoId())).forEach(found::add);
        } while (next != null && found.size() < limit && scanned < MAX_SEARCH_SCAN && ++rounds < MAX_SEARCH_ROUNDS);
        return new PhotoRanking.Page(found, next);
    }

    /** Newest first, only photos with this flag; the cursor is the timeline's. */
    private Page flagged(UUID ownerId, PhotoFlag flag, @Nullable String cursor, int limit) {
        int size = Math.clamp(limit, 1, MAX_PAGE);
        @Nullable Cursor after = cursor == null || cursor.isBlank() ? null
                : decode(cursor).orElseThrow(() -> new IllegalArgumentException("cursor: not a cursor this server issued"));
        List<Photo> rows = photos.flagged(ownerId, flag.name(), after == null ? null : after.takenAt(), after == null ? null : after.id(), size + 1);
        List<PhotoView> items = rows.stream().limit(size).map(PhotoView::of).toList();
        return new Page(items, rows.size() > size ? encode(items.getLast()) : null);
    }

    /**
     * Flags one of the owner's photos (NONE clears it). Returns false when the owner has no such photo.
     */
    @Transactional
    public boolean setFlag(UUID ownerId, UUID photoId, PhotoFlag flag) {
        return photos.setFlag(ownerId, photoId, flag.name()) > 0;
    }

    /** How many of the owner's photos carry this flag. */
    @Transactional(readOnly = true)
    public long countFlagged(UUID ownerId, PhotoFlag flag) {
        return flag == PhotoFlag.NONE ? photos.countUnflagged(ownerId) : photos.countFlagged(ownerId, flag.name());
    }

    /** Starts the timeline at a moment (e.g. the end of a chosen month) instead of at the newest photo. */
    @Transactional(readOnly = true)
    public Page timelineBefore(UUID ownerId, LocalDateTime before, int limit) {
        // the all-zero UUID sorts first in PostgreSQL's unsigned byte order: nothing at exactly `before` is included
        return timeline(ownerId, encode(before, new UUID(0, 0)), limit);
    }

    @Transactional(readOnly = true)
    public Optional<PhotoView> find(UUID ownerId, UUID photoId) {
        return photos.findByIdAndOwnerId(photoId, ownerId).map(PhotoView::of);
    }

    /**
     * The owner's photos outside the trash in id order, {@code limit} after {@code after} (null: from the start): for
     * walking a whole library a page at a time (the export).
     */
    @Transactional(readOnly = true)
    public List<PhotoView> liveAfter(UUID ownerId, @Nullable UUID after, int limit) {
        return photos.liveAfter(ownerId, after == null ? new UUID(0, 0) : after, Math.clamp(limit, 1, MAX_PAGE)).stream().map(PhotoView::of).toList();
    }

    /** How many photos the owner has outside the trash. */
    @Transactional(readOnly = true)
    public long countLive(UUID ownerId) {
        return photos.countLive(ownerId);
    }

    @Transactional(readOnly = true)
    public Neighbors neighbors(UUID ownerId, UUID photoId) {
        return photos.findByIdAndOwnerId(photoId, ownerId).map(photo -> new Neighbors(
                first(photos.newerThan(ownerId, photo.getTakenAt(), photo.getId(), 1)),
                first(photos.olderThan(ownerId, photo.getTakenAt(), photo.getId(), 1))))
                .orElse(new Neighbors(null, null));
    }

    @Transactional(readOnly = true)
    public long count(UUID ownerId) {
        return photos.countedPhotos(ownerId);
    }

    /** Photos and bytes of stored originals per owner, in one query for the whole collection (the admin's users page). */
    @Transactional(readOnly = true)
    public Map<UUID, LibraryUsage> usageByOwner(Collection<UUID> owners) {
        if (owners.isEmpty()) return Map.of();
        Map<UUID, LibraryUsage> usage = new HashMap<>();
        for (Object[] row : photos.usageByOwner(owners)) {
            usage.put((UUID) row[0], new LibraryUsage(((Number) row[1]).longValue(), ((Number) row[2]).longValue()));
        }
        return usage;
    }

    /** How many photos {@code query} lists; empty when the ranking that answers it cannot count. */
    @Transactional(readOnly = true)
    public java.util.OptionalLong count(UUID ownerId, PhotoQuery query) {
        if (query.isPlainTimeline()) return java.util.OptionalLong.of(count(ownerId));
        PhotoFlag flag = query.flag();
        String q = query.q();
        if (query.isLibraryOnly() && q != null) {
            return java.util.OptionalLong.of(photos.countSearched(ownerId, PhotoSearch.pattern(q), flag == null ? null : flag.name()));
        }
        if (q != null) return java.util.OptionalLong.empty();
        if (query.isLibraryOnly() && flag != null) return java.util.OptionalLong.of(countFlagged(ownerId, flag));
        return rankings.stream().filter(r -> r.supports(query)).findFirst().map(r -> r.count(ownerId, query)).orElse(java.util.OptionalLong.empty());
    }

    /** The photo's stored rendition or original; for a synced photo (nothing stored) {@link Media#synced()} is the photo. */
    @Transactional(readOnly = true)
    public Optional<Media> media(UUID ownerId, UUID photoId, Rendition rendition) {
        return photos.findByIdAndOwnerId(photoId, ownerId).map(photo -> {
            @Nullable PhotoView synced = photo.hasOriginal() ? null : PhotoView.of(photo);
            return switch (rendition) {
                case THUMBNAIL -> new Media(PhotoKeys.thumbnail(photo.getSha256()), "image/jpeg", photo.getSha256(), rendition,
                        photo.getOriginalName(), synced);
                case PREVIEW -> new Media(PhotoKeys.preview(photo.getSha256()), "image/jpeg", photo.getSha256(), rendition,
                        photo.getOriginalName(), synced);
                case ORIGINAL -> new Media(PhotoKeys.original(photo.getSha256()), photo.getFormat().mediaType(), photo.getSha256(), rendition,
                        photo.getOriginalName(), synced);
            };
        });
    }

    /**
     * An upright BGR working copy (at most {@code maxPixels}) of a stored original, for background work
     * handed the content's facts (see {@link PhotoAdded}); the original is read once. The caller closes the Mat.
     */
    public Mat workingCopy(String sha256, String format, long sizeBytes, int storedWidth, int storedHeight, int orientation,
                           long maxPixels) throws IOException {
        try (InputStream in = openOriginal(sha256)) {
            return Thumbnailer.workingCopy(in, sizeBytes, ImageFormat.valueOf(format), storedWidth, storedHeight, orientation, maxPixels);
        }
    }

    /**
     * The facts background work needs about each photo, as {@link PhotoAdded} carries them: one owner's
     * photos, or everyone's when {@code ownerId} is null (admin work such as re-analysis).
     */
    @Transactional(readOnly = true)
    public List<PhotoAdded> contents(@Nullable UUID ownerId) {
        List<Photo> rows = ownerId == null ? photos.findAll() : photos.findByOwnerId(ownerId);
        return rows.stream().map(PhotoService::facts).toList();
    }

    /** The same facts for some of the owner's photos (ids of other users' photos are left out). */
    @Transactional(readOnly = true)
    public List<PhotoAdded> contents(UUID ownerId, Collection<UUID> photoIds) {
        return photos.findAllById(photoIds).stream().filter(p -> p.getOwnerId().equals(ownerId)).map(PhotoService::facts).toList();
    }

    /**
     * {@link #contents(UUID)} of the photos whose original is stored: what work that reads the bytes walks (a
     * photo synced without its original is left out).
     */
    @Transactional(readOnly = true)
    public List<PhotoAdded> originals(@Nullable UUID ownerId) {
        String upload = PhotoSource.UPLOAD.parameter();
        List<Photo> rows = ownerId == null ? photos.findBySource(upload) : photos.findByOwnerIdAndSource(ownerId, upload);
        return rows.stream().map(PhotoService::facts).toList();
    }

    /** {@link #contents(UUID, Collection)} of those of these photos whose original is stored. */
    @Transactional(readOnly = true)
    public List<PhotoAdded> originals(UUID ownerId, Collection<UUID> photoIds) {
        return photos.findAllById(photoIds).stream().filter(p -> p.getOwnerId().equals(ownerId) && p.hasOriginal())
                .map(PhotoService::facts).toList();
    }

    private static PhotoAdded facts(Photo p) {
        boolean turned = p.getOrientation() >= 5;
        return new PhotoAdded(p.getId(), p.getOwnerId(), p.getSha256(), p.getFormat().name(), p.getSizeBytes(),
                turned ? p.getHeight() : p.getWidth(), turned ? p.getWidth() : p.getHeight(), p.getOrientation(), p.getWidth());
    }

    /** Of these content hashes, those some uploaded photo (anyone's) still holds: for modules that keep things derived from contents. */
    @Transactional(readOnly = true)
    public java.util.Set<String> referencedContents(Collection<String> sha256s) {
        return sha256s.isEmpty() ? java.util.Set.of() : java.util.Set.copyOf(photos.referencedAmong(sha256s));
    }

    /**
     * The contents of the owner's photos (trashed ones too) that no other owner's uploaded photo holds: for modules that
     * keep things derived from contents, when the owner's account goes.
     */
    @Transactional(readOnly = true)
    public List<String> contentsOnlyOf(UUID ownerId) {
        return photos.contentsOnlyOf(ownerId);
    }

    /** The stored original of a content hash, for background work that was handed the hash (not scoped to a user). */
    public InputStream openOriginal(String sha256) {
        return store.get(PhotoKeys.original(sha256));
    }

    public InputStream open(Media media) {
        return store.get(media.key());
    }

    public InputStream open(Media media, long offset, long length) {
        return store.get(media.key(), offset, length);
    }

    /** The stored size, or empty when the object is missing (e.g. a rendition not made yet). */
    public Optional<Long> size(Media media) {
        return store.stat(media.key()).map(info -> info.size());
    }

    /** What deleting a photo does here: move it to the trash (and for how long) or delete it at once. */
    public TrashPolicy trashPolicy() {
        return trash;
    }

    /**
     * What the owner's "delete" does: moves these photos to the trash when {@code LIGHTBOX_TRASH_DAYS} is above 0
     * (everything about them is kept until the trash is emptied or they expire), else deletes them forever at once.
     * Returns how many were trashed or deleted (ids of other users' photos and photos already in the trash are ignored).
     */
    @Transactional
    public int delete(UUID ownerId, Collection<UUID> photoIds) {
        if (photoIds.isEmpty()) return 0;
        if (!trash.trashes()) return deleteForever(ownerId, photoIds);
        int trashed = photos.trash(ownerId, photoIds, clock.instant());
        log.info("Moved {} photo(s) to the trash", trashed);
        return trashed;
    }

    /**
     * Deletes photos of this user forever (live or in the trash); a stored original and its renditions go with the last
     * photo that references them. Returns how many were deleted (ids of other users' photos are ignored).
     * The objects are not deleted here: a {@link ContentDeletionJob} enqueued in this transaction deletes
     * them after the commit, so a rollback never leaves rows without their originals.
     */
    @Transactional
    public int deleteForever(UUID ownerId, Collection<UUID> photoIds) {
        int deleted = 0;
        for (UUID id : photoIds) {
            Optional<Photo> photo = photos.findByIdAndOwnerId(id, ownerId);
            if (photo.isEmpty()) continue;
            deleteForever(photo.get());
            deleted++;
        }
        log.info("Deleted {} photo(s)", deleted);
        return deleted;
    }

    /**
     * Deletes forever those of these photos that are in the owner's trash, locking them first, so a photo restored (or
     * purged) since the caller saw it in the trash is left alone. Returns how many were deleted.
     */
    @Transactional
    public int deleteTrashedForever(UUID ownerId, Collection<UUID> photoIds) {
        if (photoIds.isEmpty()) return 0;
        photos.lockTrashedContents(ownerId, photoIds);
        List<Photo> trashed = photos.lockTrashed(ownerId, photoIds);
        for (Photo photo : trashed) deleteForever(photo);
        log.info("Deleted {} photo(s) from the trash", trashed.size());
        return trashed.size();
    }

    /** Deletes one photo row forever (in the caller's transaction); returns the bytes of its original when that goes too, else 0. */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public long deleteForever(Photo photo) {
        String sha256 = photo.getSha256();
        photos.lockContent(sha256);
        photos.delete(photo);
        photos.flush();
        events.publishEvent(new PhotoDeleted(photo.getId(), photo.getOwnerId(), sha256));
        if (photos.countOriginalReferences(sha256) > 0) return 0;
        jobs.enqueue(ContentDeletionJob.request(photo.getOwnerId(), sha256));
        return photo.hasOriginal() ? photo.getSizeBytes() : 0;
    }

    private static @Nullable UUID first(List<Photo> rows) {
        return rows.isEmpty() ? null : rows.getFirst().getId();
    }

    private record Cursor(LocalDateTime takenAt, UUID id) {
    }

    private static String encode(PhotoView last) {
        return encode(last.takenAt(), last.id());
    }

    private static String encode(LocalDateTime takenAt, UUID id) {
        return KeysetCursor.encode(takenAt, id);
    }

    private static Optional<Cursor> decode(String cursor) {
        try {
            return KeysetCursor.decode(cursor, 2).map(parts -> new Cursor(LocalDateTime.parse(parts[0]), UUID.fromString(parts[1])));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}

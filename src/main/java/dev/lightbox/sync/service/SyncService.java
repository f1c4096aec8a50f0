package dev.lightbox.sync.service;

import dev.lightbox.analysis.service.AnalysisService;
import dev.lightbox.analysis.service.ContentAnalyzer;
import dev.lightbox.library.LibraryProperties;
import dev.lightbox.analysis.service.SyncedAnalyses;
import dev.lightbox.analysis.service.SyncedAnalysisStored;
import dev.lightbox.library.service.KeysetCursor;
import dev.lightbox.library.service.PhotoSource;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.library.service.SyncedPhotos;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a device's checked sync call in one transaction (a photo row without original and the device's analysis
 * per item), and answers what changed since a time for another device.
 */
@Service
public class SyncService {

    public static final int DEFAULT_LIMIT = 200;
    public static final int MAX_LIMIT = 1_000;

    /** How many items of a call made a new photo, changed one, or changed nothing. */
    public record Counts(int created, int updated, int unchanged) {
    }

    /** What a changed photo's metadata says, in the shape a device sends it. */
    public record Metadata(@Nullable LocalDateTime takenAt, @Nullable String camera, @Nullable String lens, int width, int height,
                           @Nullable String fileName, String format, long sizeBytes) {
    }

    /**
     * A photo whose effective analysis changed: the server's of its bytes when there is one, else the owner's synced one;
     * {@code source} is {@code upload} or {@code sync}.
     */
    public record Change(String sha256, int analyzerVersion, Map<String, Object> attributes, Metadata metadata, Instant analysedAt,
                         Instant changedAt, String source) {
    }

    public record Changes(List<Change> items, @Nullable String nextCursor) {
    }

    /** What a client must match to compute the server's attributes: the upload limits and the face detector's name. */
    public record Analyser(long maxBytes, long maxPixels, String faceDetector) {
    }

    private final SyncedPhotos photos;
    private final SyncedAnalyses analyses;
    private final Analyser analyser;
    private final ApplicationEventPublisher events;

    SyncService(SyncedPhotos photos, SyncedAnalyses analyses, LibraryProperties library, ContentAnalyzer contentAnalyzer,
                ApplicationEventPublisher events) {
        this.events = events;
        this.photos = photos;
        this.analyses = analyses;
        this.analyser = new Analyser(library.maxBytes(), library.maxPixels(), contentAnalyzer.faceDetector());
    }

    public Analyser analyser() {
        return analyser;
    }

    /**
     * Every item of the call in one transaction, a few statements for the whole call (the content locks taken in sha256
     * order). An item whose photo the owner uploaded is left alone: the server's analysis of the bytes stands.
     */
    @Transactional
    public Counts sync(UUID ownerId, List<SyncItem> items) {
        Map<String, SyncedPhotos.Upserted> photos = this.photos.upsertAll(ownerId, items.stream().map(SyncItem::facts).toList());
        List<SyncedAnalyses.ToSave> toSave = items.stream()
                .filter(item -> photo(photos, item).source() == PhotoSource.SYNC)
                .map(item -> new SyncedAnalyses.ToSave(photo(photos, item).photoId(), item.sha256(), item.analyzerVersion(), item.attributes(),
                        item.analysedAt()))
                .toList();
        Map<String, SyncedAnalyses.Change> analyses = this.analyses.saveAll(ownerId, toSave);
        toSave.stream().filter(a -> photo(photos, a.sha256()).change() == SyncedPhotos.Change.CREATED
                        && analyses.get(a.sha256()) == SyncedAnalyses.Change.UNCHANGED) // a new row over a kept analysis: score it too
                .forEach(a -> events.publishEvent(new SyncedAnalysisStored(ownerId, a.photoId(), a.sha256())));
        int created = 0;
        int updated = 0;
        for (SyncItem item : items) {
            SyncedPhotos.Upserted photo = photo(photos, item);
            if (photo.source() == PhotoSource.UPLOAD) continue;
            if (photo.change() == SyncedPhotos.Change.CREATED) created++;
            else if (photo.change() == SyncedPhotos.Change.UPDATED || analyses.get(item.sha256()) != SyncedAnalyses.Change.UNCHANGED) updated++;
        }
        return new Counts(created, updated, items.size() - created - updated);
    }

    private static SyncedPhotos.Upserted photo(Map<String, SyncedPhotos.Upserted> photos, SyncItem item) {
        return photo(photos, item.sha256());
    }

    private static SyncedPhotos.Upserted photo(Map<String, SyncedPhotos.Upserted> photos, String sha256) {
        return Objects.requireNonNull(photos.get(sha256));
    }

    /** The owner's photos whose effective analysis changed at or after {@code since}, oldest change first. */
    @Transactional(readOnly = true)
    public Changes changes(UUID ownerId, Instant since, @Nullable String cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit: must be from 1 to " + MAX_LIMIT + ".");
        Instant afterChangedAt = null;
        String afterSha256 = null;
        if (cursor != null) {
            String[] parts = KeysetCursor.decode(cursor, 2).orElseThrow(SyncService::badCursor);
            try {
                afterChangedAt = Instant.parse(parts[0]);
            } catch (DateTimeParseException e) {
                throw badCursor();
            }
            afterSha256 = parts[1];
        }
        List<SyncedAnalyses.Changed> changed = analyses.changedSince(ownerId, since, afterChangedAt, afterSha256, limit);
        Map<UUID, PhotoView> views = photos.views(ownerId, changed.stream().map(SyncedAnalyses.Changed::photoId).toList());
        List<Change> items = changed.stream().filter(c -> views.containsKey(c.photoId()))
                .map(c -> change(c, Objects.requireNonNull(views.get(c.photoId())))).toList();
        String next = changed.size() < limit ? null : KeysetCursor.encode(changed.getLast().changedAt(), changed.getLast().sha256());
        return new Changes(items, next);
    }

    public static int analyzerVersion() {
        return AnalysisService.currentVersion();
    }

    private static Change change(SyncedAnalyses.Changed c, PhotoView p) {
        String camera = String.join(" ", java.util.stream.Stream.of(p.cameraMake(), p.cameraModel()).filter(Objects::nonNull).toList());
        var metadata = new Metadata(p.takenAtFromCamera() ? p.takenAt() : null, camera.isEmpty() ? null : camera, p.lens(), p.width(), p.height(),
                p.originalName(), SyncedPhotos.formatName(p), p.sizeBytes());
        return new Change(c.sha256(), c.analyzerVersion(), c.attributes(), metadata, c.analysedAt(), c.changedAt(), p.source().parameter());
    }

    private static IllegalArgumentException badCursor() {
        return new IllegalArgumentException("cursor: not a cursor this server gave out; start again without one.");
    }
}

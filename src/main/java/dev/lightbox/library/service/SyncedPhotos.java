package dev.lightbox.library.service;

import dev.lightbox.library.domain.ImageFormat;
import dev.lightbox.library.domain.PhotoRepository;
import dev.lightbox.library.domain.SyncedPhotoRepository;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Photos a user analysed on their own device: a row with the content's hash and metadata ({@code source = 'sync'}),
 * no original, no renditions and no {@link PhotoAdded} (nothing here can work on bytes it does not have). A photo
 * the user already uploaded stays as it is.
 */
@Service
public class SyncedPhotos {

    /** Both camera columns hold at most this many characters. */
    static final int CAMERA_PART = 100;

    public enum Change { CREATED, UPDATED, UNCHANGED }

    /**
     * What the device knows of the photo; {@code camera} is "Make Model" in one string (at most 200 characters), {@code format}
     * one of {@code jpeg, png, webp, tiff} (see {@link #isFormat}) or null for "what the file name says".
     */
    public record SyncedPhotoFacts(String sha256, @Nullable LocalDateTime takenAt, @Nullable String camera, @Nullable String lens,
                                   int width, int height, @Nullable String fileName, @Nullable String format, long sizeBytes) {
    }

    public record Upserted(UUID photoId, Change change, PhotoSource source) {
    }

    private final SyncedPhotoRepository synced;
    private final PhotoRepository photos;
    private final Clock clock;

    SyncedPhotos(SyncedPhotoRepository synced, PhotoRepository photos, Clock clock) {
        this.synced = synced;
        this.photos = photos;
        this.clock = clock;
    }

    /**
     * Creates the owner's synced photo or updates its metadata, in the caller's transaction, under the content's lock
     * (an upload of the same bytes commits before or after, never between the look-up and the write). Callers that
     * upsert several contents in one transaction take them in sha256 order, so that two such calls cannot deadlock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Upserted upsert(UUID ownerId, SyncedPhotoFacts facts) {
        photos.lockContent(facts.sha256());
        Optional<SyncedPhotoRepository.Existing> existing = synced.find(ownerId, facts.sha256());
        if (existing.isEmpty()) {
            UUID id = UUID.randomUUID();
            synced.insert(id, ownerId, facts.sha256(), row(facts, null), clock.instant());
            return new Upserted(id, Change.CREATED, PhotoSource.SYNC);
        }
        var photo = existing.get();
        PhotoSource source = PhotoSource.fromColumn(photo.source());
        if (source == PhotoSource.UPLOAD) return new Upserted(photo.id(), Change.UNCHANGED, source);
        SyncedPhotoRepository.Row row = row(facts, photo.row());
        if (row.equals(photo.row())) return new Upserted(photo.id(), Change.UNCHANGED, source);
        synced.update(photo.id(), ownerId, row);
        return new Upserted(photo.id(), Change.UPDATED, source);
    }

    /** The owner's photos among these ids, by id (others' ids are left out). */
    @Transactional(readOnly = true)
    public Map<UUID, PhotoView> views(UUID ownerId, Collection<UUID> photoIds) {
        return photos.findAllById(photoIds).stream().filter(p -> p.getOwnerId().equals(ownerId)).map(PhotoView::of)
                .collect(Collectors.toMap(PhotoView::id, Function.identity()));
    }

    /** The row for these facts; what the device left out (capture time, format) keeps the stored value, or gets a default. */
    private SyncedPhotoRepository.Row row(SyncedPhotoFacts facts, SyncedPhotoRepository.@Nullable Row stored) {
        LocalDateTime takenAt = facts.takenAt() != null ? facts.takenAt()
                : stored != null ? stored.takenAt() : LocalDateTime.now(clock.withZone(ZoneId.systemDefault()));
        boolean fromCamera = facts.takenAt() != null || (stored != null && stored.takenAtFromCamera());
        ImageFormat format = facts.format() != null ? parseFormat(facts.format()).orElseThrow(() -> new IllegalArgumentException("format: " + facts.format()))
                : stored != null ? stored.format() : formatOf(facts.fileName());
        Camera camera = camera(facts.camera());
        return new SyncedPhotoRepository.Row(format, facts.sizeBytes(), facts.width(), facts.height(), takenAt.withNano(takenAt.getNano() / 1000 * 1000),
                fromCamera, FileNames.clean(facts.fileName()), camera.make(), camera.model(), facts.lens());
    }

    /** Whether a device's format name ({@code jpeg, png, webp, tiff}, any case) is one Lightbox knows. */
    public static boolean isFormat(String name) {
        return parseFormat(name).isPresent();
    }

    /** A photo's format as the sync API names it: {@code jpeg, png, webp, tiff}. */
    public static String formatName(PhotoView photo) {
        return photo.format().name().toLowerCase(Locale.ROOT);
    }

    private static Optional<ImageFormat> parseFormat(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "jpeg", "jpg" -> Optional.of(ImageFormat.JPEG);
            case "png" -> Optional.of(ImageFormat.PNG);
            case "webp" -> Optional.of(ImageFormat.WEBP);
            case "tiff", "tif" -> Optional.of(ImageFormat.TIFF);
            default -> Optional.empty();
        };
    }

    /** The format a file name's extension says, JPEG when it says none we accept. */
    static ImageFormat formatOf(@Nullable String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) return ImageFormat.PNG;
        if (name.endsWith(".webp")) return ImageFormat.WEBP;
        if (name.endsWith(".tif") || name.endsWith(".tiff")) return ImageFormat.TIFF;
        return ImageFormat.JPEG;
    }

    /**
     * "Make Model" into the make and model columns: split at the first space that leaves both parts within
     * {@link #CAMERA_PART} characters, else at that length (the whole fits two columns: it is at most 200).
     */
    static Camera camera(@Nullable String camera) {
        if (camera == null || camera.isBlank()) return new Camera(null, null);
        String text = camera.strip();
        if (text.length() <= CAMERA_PART && text.indexOf(' ') < 0) return new Camera(null, text);
        for (int i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) {
            if (i <= CAMERA_PART && text.length() - i - 1 <= CAMERA_PART) {
                String model = text.substring(i + 1).strip();
                return new Camera(text.substring(0, i), model.isEmpty() ? null : model);
            }
        }
        int cut = Math.min(CAMERA_PART, text.length());
        return new Camera(text.substring(0, cut), cut < text.length() ? text.substring(cut) : null);
    }

    record Camera(@Nullable String make, @Nullable String model) {
    }
}

package dev.lightbox.library.service;

import dev.lightbox.library.LibraryProperties;
import dev.lightbox.library.domain.ImageFormat;
import dev.lightbox.library.domain.Photo;
import dev.lightbox.library.domain.PhotoMetadata;
import dev.lightbox.library.domain.PhotoRepository;
import dev.lightbox.library.service.HeaderDimensions.Size;
import dev.lightbox.jobs.JobService;
import dev.lightbox.library.service.UploadRejectedException.Reason;
import dev.lightbox.storage.ObjectStore;
import dev.lightbox.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes one uploaded file from a stream to a photo row, holding at most its first 256 KB in memory:
 * <ol>
 * <li>recognise the format by magic bytes and read the pixel size from the header: refuse before storing anything;</li>
 * <li>stream the bytes to a temporary object while hashing, counting and enforcing the byte limit;</li>
 * <li>dedupe by SHA-256, check the file is complete, read its metadata, check it decodes;</li>
 * <li>copy it to {@code originals/{sha256}} unless that is there already, then, in one transaction under a
 * lock on the hash, insert the row and enqueue its renditions.</li>
 * </ol>
 * The owner's synced photo of the same bytes (a row without its original) is not a duplicate: its row
 * gains the original (same id, {@code source} becomes {@code upload}) and {@link PhotoAdded} is published
 * for it as for a new row (analysis is skipped there when the synced analysis is current).
 * Storage effects never sit inside the transaction: before the first object is written, the upload is
 * recorded in {@link InFlightUploads} (own transaction) with the objects it may leave, and the original
 * is claimed there before it is copied. After the commit the temporary object is deleted; after a failure
 * (rejected file, lost race, failed commit) so is the original, if no row references it
 * ({@link ContentCleaner}); then the record goes. A process that dies on the way leaves the record, and
 * {@link UploadLeftovers} removes what it names when the node restarts, or the periodic sweep does.
 */
@Service
public class PhotoUploadService {

    static final int HEAD_BYTES = 256 * 1024;
    private static final Logger log = LoggerFactory.getLogger(PhotoUploadService.class);

    private final PhotoRepository photos;
    private final ObjectStore store;
    private final LibraryProperties limits;
    private final TransactionTemplate transaction;
    private final JobService jobs;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final InFlightUploads inFlight;
    private final UploadLeftovers leftovers;

    PhotoUploadService(PhotoRepository photos, ObjectStore store, LibraryProperties limits, TransactionTemplate transaction,
                       JobService jobs, ApplicationEventPublisher events, Clock clock, InFlightUploads inFlight,
                       UploadLeftovers leftovers) {
        this.photos = photos;
        this.store = store;
        this.limits = limits;
        this.transaction = transaction;
        this.jobs = jobs;
        this.events = events;
        this.clock = clock;
        this.inFlight = inFlight;
        this.leftovers = leftovers;
    }

    public UploadOutcome upload(UUID ownerId, @Nullable String originalName, InputStream in) throws IOException {
        byte[] head = in.readNBytes(HEAD_BYTES);
        ImageFormat format = ImageSniffer.detect(head, head.length);
        Optional<Size> headerSize = HeaderDimensions.read(format, head, head.length);
        headerSize.ifPresent(size -> checkPixels(size.width(), size.height()));

        String tempKey = PhotoKeys.UPLOADS_PREFIX + UUID.randomUUID();
        InFlightUploads.Record record = inFlight.begin(tempKey);
        UploadOutcome outcome = null;
        try {
            IngestStream ingest = store(tempKey, format, new SequenceInputStream(new ByteArrayInputStream(head), in));
            String sha256 = ingest.sha256Hex();
            Optional<Photo> existing = photos.findByOwnerIdAndSha256(ownerId, sha256);
            // a synced photo (no original yet) goes on: the upload gives it its original
            if (existing.isPresent() && existing.get().hasOriginal()) {
                Optional<UploadOutcome> duplicate = duplicate(existing.get());
                // empty: the trashed photo was purged meanwhile, so these bytes make a new photo
                if (duplicate.isPresent()) return duplicate.get();
            }

            CompletenessCheck.verify(format, head, ingest.tail(), ingest.count());
            Size size = headerSize.orElseGet(() -> sizeFromStoredHeader(tempKey, format));
            checkPixels(size.width(), size.height());
            PhotoMetadata metadata = readMetadata(tempKey, format, size);
            record = claimOriginal(record, sha256);
            keepOriginal(record, ingest.count(), format, metadata);
            outcome = commit(ownerId, originalName, sha256, ingest.count(), format, metadata, record);
            return outcome;
        } finally {
            // committed: the record no longer names the original, only the temporary object is removed
            leftovers.removeQuietly(outcome != null && !outcome.duplicate() ? record.withoutOriginal() : record);
        }
    }

    /**
     * The owner's photo of the same bytes answers the upload; one in their trash is restored first. Empty when that
     * trashed photo is gone by now (the retention purge deleted it).
     */
    private Optional<UploadOutcome> duplicate(Photo photo) {
        if (photo.getTrashedAt() == null) return Optional.of(UploadOutcome.duplicateOf(photo));
        return java.util.Objects.requireNonNull(transaction.execute(status -> {
            photos.restore(photo.getOwnerId(), photo.getId());
            return photos.findById(photo.getId()).map(UploadOutcome::duplicateOf);
        }));
    }

    private IngestStream store(String tempKey, ImageFormat format, InputStream bytes) {
        IngestStream ingest = new IngestStream(bytes, limits.maxBytes());
        try {
            store.put(tempKey, ingest, -1, format.mediaType());
        } catch (StorageException e) {
            if (ingest.limitExceeded()) {
                throw new UploadRejectedException(Reason.TOO_MANY_BYTES,
                        "The file is larger than this server's limit of " + UploadLimits.megabytes(limits.maxBytes()) + ".");
            }
            throw e;
        }
        return ingest;
    }

    private void checkPixels(int width, int height) {
        UploadLimits.checkPixels(width, height, limits.maxPixels(), "this server's limit");
    }

    /** A header larger than the first 256 KB (big embedded metadata): read it from the stored copy. */
    private Size sizeFromStoredHeader(String key, ImageFormat format) {
        int window = 16 * 1024 * 1024;
        try (InputStream in = store.get(key)) {
            byte[] header = in.readNBytes(window);
            return HeaderDimensions.read(format, header, header.length)
                    .orElseThrow(() -> new UploadRejectedException(Reason.CORRUPT, "The image header is damaged: no size found."));
        } catch (IOException e) {
            throw new StorageException("Could not read " + key + ": " + e.getMessage(), e);
        }
    }

    private PhotoMetadata readMetadata(String key, ImageFormat format, Size size) {
        // TIFF metadata needs random access, so it is read from a bounded window, never the whole file.
        try (InputStream in = format == ImageFormat.TIFF ? store.get(key, 0, ExifBlock.MAX_TIFF_WINDOW) : store.get(key)) {
            return MetadataReader.read(in, format, size.width(), size.height());
        } catch (IOException e) {
            throw new StorageException("Could not read " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Notes in the in-flight record that this upload may leave the original, under the content lock: a
     * concurrent deletion of the same content either finished before, or sees the claim and keeps it.
     */
    private InFlightUploads.Record claimOriginal(InFlightUploads.Record record, String sha256) {
        return transaction.execute(status -> {
            photos.lockContent(sha256);
            return inFlight.claimOriginal(record, PhotoKeys.original(sha256));
        });
    }

    /** Copies the temporary object to the claimed original unless that is stored already (another upload of the same bytes). */
    private void keepOriginal(InFlightUploads.Record record, long bytes, ImageFormat format, PhotoMetadata metadata) {
        String originalKey = java.util.Objects.requireNonNull(record.originalKey());
        if (store.stat(originalKey).isEmpty()) {
            verifyDecodable(record.tempKey(), bytes, format, metadata); // a damaged image stops here, nothing kept
            store.copy(record.tempKey(), originalKey);
        }
    }

    private UploadOutcome commit(UUID ownerId, @Nullable String originalName, String sha256, long bytes, ImageFormat format,
                                 PhotoMetadata metadata, InFlightUploads.Record record) {
        return transaction.execute(status -> {
            photos.lockContent(sha256);
            Optional<Photo> raced = photos.findByOwnerIdAndSha256(ownerId, sha256);
            if (raced.isPresent() && raced.get().getTrashedAt() != null) { // the owner's photo of these bytes in the trash comes back
                photos.restore(ownerId, raced.get().getId());
                raced = photos.findByOwnerIdAndSha256(ownerId, sha256);
            }
            if (raced.isPresent() && raced.get().hasOriginal()) return UploadOutcome.duplicateOf(raced.get());
            LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneId.systemDefault()));
            Photo photo;
            boolean synced = raced.isPresent();
            if (synced) { // the owner's synced photo of these bytes: same row, same id, now with its original
                photo = raced.get();
                photo.gainOriginal(bytes, format, metadata, clock.instant(), trimName(originalName));
                photo = photos.saveAndFlush(photo);
            } else {
                photo = photos.saveAndFlush(new Photo(ownerId, sha256, bytes, format, metadata, now, clock.instant(), trimName(originalName)));
            }
            // renditions are made on the cpu queue; one job per content, enqueued with the row (same transaction)
            jobs.enqueue(RenditionsJob.request(photo));
            inFlight.committed(record); // with the row, the original stops being this upload's leftover
            events.publishEvent(new PhotoAdded(photo.getId(), ownerId, sha256, format.name(), bytes, metadata.storedWidth(),
                    metadata.storedHeight(), metadata.orientation(), photo.getWidth()));
            log.info("Photo {} stored ({} bytes, {}x{})", photo.getId(), bytes, photo.getWidth(), photo.getHeight());
            return synced ? UploadOutcome.gainedOriginal(photo) : UploadOutcome.stored(photo);
        });
    }

    private void verifyDecodable(String tempKey, long bytes, ImageFormat format, PhotoMetadata metadata) {
        try (InputStream in = store.get(tempKey)) {
            Thumbnailer.verifyDecodable(in, bytes, format, metadata.storedWidth(), metadata.storedHeight());
        } catch (IOException e) {
            throw new StorageException("Could not read " + tempKey + ": " + e.getMessage(), e);
        }
    }

    private static @Nullable String trimName(@Nullable String name) {
        return FileNames.clean(name);
    }
}

package dev.lightbox.transform.service;

import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.library.service.KeysetCursor;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.library.service.PhotoService.Rendition;
import dev.lightbox.library.service.PhotoUploadService;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.library.service.UploadOutcome;
import dev.lightbox.library.service.PhotoWithoutOriginalException;
import dev.lightbox.transform.domain.TransformRepository;
import dev.lightbox.transform.domain.TransformRepository.TransformRow;
import dev.lightbox.transform.pipeline.InvalidStyleException;
import dev.lightbox.transform.pipeline.PipelineResult;
import dev.lightbox.transform.pipeline.Restyler;
import dev.lightbox.transform.pipeline.SourceImages;
import dev.lightbox.transform.pipeline.Step;
import dev.lightbox.transform.pipeline.StepReporter;
import dev.lightbox.transform.pipeline.StepStatus;
import dev.lightbox.transform.pipeline.StyleInfo;
import dev.lightbox.transform.pipeline.StyleRequest;
import dev.lightbox.transform.pipeline.TransformStatus;
import dev.lightbox.transform.pipeline.ValidationFailedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Restyle for the UI and the REST API: styles, starting a transform (row and job in one transaction), reading,
 * listing, cancelling, deleting, its images, saving a result to the library, and a quick preview on the preview
 * rendition. Everything is scoped to the owner: another user's photo or transform is not found.
 */
@Service
public class TransformService {

    public static final int MAX_PAGE = 100;

    private final TransformRepository rows;
    private final Restyler restyler;
    private final TransformSources sources;
    private final TransformResults results;
    private final JobService jobs;
    private final PhotoService photos;
    private final PhotoUploadService uploads;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final Clock clock;

    TransformService(TransformRepository rows, Restyler restyler, TransformSources sources, TransformResults results, JobService jobs,
                     PhotoService photos, PhotoUploadService uploads, TransactionTemplate transaction, JsonMapper json, Clock clock) {
        this.rows = rows;
        this.restyler = restyler;
        this.sources = sources;
        this.results = results;
        this.jobs = jobs;
        this.photos = photos;
        this.uploads = uploads;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
    }

    /** The result of a save: the library photo, and whether this call made it (false: saved before). */
    public record Saved(UUID photoId, boolean created) {
    }

    public List<StyleInfo> styles() {
        return restyler.styles();
    }

    /**
     * Starts a restyle of the owner's photo: checks the style and params (and a reference photo), then stores the
     * row {@code queued} and enqueues its job in one transaction.
     *
     * @throws TransformNotFoundException when the photo is not the owner's
     * @throws InvalidStyleException naming the bad style or parameter
     * @throws PhotoWithoutOriginalException for a photo synced without its original
     */
    public TransformView start(UUID owner, UUID photoId, String style, @Nullable JsonNode params) {
        PhotoView photo = photos.find(owner, photoId).orElseThrow(() -> noPhoto(photoId));
        if (!photo.hasOriginal()) throw new PhotoWithoutOriginalException("Restyling");
        StyleRequest request = restyler.check(style, params == null || params.isNull() ? JsonNodeFactory.instance.objectNode() : params);
        sources.checkReference(owner, request);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        transaction.executeWithoutResult(status -> {
            UUID jobId = jobs.enqueue(TransformJob.request(owner, id, photoId));
            rows.insert(id, owner, photoId, request.style(), json.writeValueAsString(request.params()), jobId, now);
        });
        return find(owner, id).orElseThrow();
    }

    public Optional<TransformView> find(UUID owner, UUID id) {
        return rows.find(owner, id).map(this::settled).map(this::view);
    }

    /** The owner's transforms, newest first; {@code cursor} is the previous page's {@code nextCursor}. */
    public TransformPage list(UUID owner, @Nullable String cursor, int limit) {
        int size = Math.clamp(limit, 1, MAX_PAGE);
        Instant before = null;
        UUID beforeId = null;
        if (cursor != null && !cursor.isBlank()) {
            String[] parts = KeysetCursor.decode(cursor, 2).orElseThrow(TransformService::badCursor);
            try {
                before = Instant.parse(parts[0]);
                beforeId = UUID.fromString(parts[1]);
            } catch (RuntimeException malformed) {
                throw badCursor();
            }
        }
        List<TransformRow> page = rows.list(owner, before, beforeId, size + 1);
        List<TransformRow> items = page.subList(0, Math.min(size, page.size()));
        String next = page.size() > size ? KeysetCursor.encode(items.getLast().createdAt(), items.getLast().id()) : null;
        return new TransformPage(items.stream().map(this::view).toList(), next);
    }

    /** The owner's newest {@code limit} (1 … {@value #MAX_PAGE}) transforms of one photo. */
    public List<TransformView> forPhoto(UUID owner, UUID photoId, int limit) {
        return rows.forPhoto(owner, photoId, Math.clamp(limit, 1, MAX_PAGE)).stream().map(this::view).toList();
    }

    /**
     * Cancels the owner's queued or running transform: the row is {@code cancelled} at once and its job is cancelled
     * (a running one stops at its next report and deletes whatever it stored).
     *
     * @throws TransformConflictException when it had finished already
     */
    public TransformView cancel(UUID owner, UUID id) {
        TransformRow row = rows.cancel(owner, id).orElse(null);
        if (row == null) {
            TransformView existing = find(owner, id).orElseThrow(() -> noTransform(id));
            throw new TransformConflictException("Transform " + id + " is " + existing.status().id() + " already; only a queued or running one can be cancelled.");
        }
        if (row.jobId() != null) jobs.cancel(owner, row.jobId());
        return view(row);
    }

    /**
     * Saves a completed result to the library as a new photo ({@code <original name>-<style>.jpg}); a second save
     * gives the same photo while it is in the library.
     *
     * @throws TransformConflictException unless the transform is completed
     */
    public Saved saveToLibrary(UUID owner, UUID id) {
        TransformRow row = rows.find(owner, id).orElseThrow(() -> noTransform(id));
        UUID previous = row.savedPhotoId();
        if (previous != null && photos.find(owner, previous).isPresent()) return new Saved(previous, false);
        String key = row.resultKey();
        if (!TransformStatus.COMPLETED.id().equals(row.status()) || key == null) {
            throw new TransformConflictException("Transform " + id + " is " + row.status() + "; only a completed result can be saved.");
        }
        byte[] jpeg;
        try {
            jpeg = results.read(key);
        } catch (IOException | RuntimeException e) {
            // expired or deleted between the read of the row and the read of its object
            throw new TransformConflictException("The result of transform " + id + " is no longer stored; it cannot be saved.");
        }
        var upload = uploadResult(owner, row, jpeg);
        UUID photoId = upload.photo().id();
        if (rows.markSaved(id, previous, photoId)) return new Saved(photoId, true);
        // saved meanwhile by another request (the same bytes: the upload found the same photo) or no longer completed
        TransformRow now = rows.find(owner, id).orElse(null);
        if (now != null && photoId.equals(now.savedPhotoId())) return new Saved(photoId, false);
        if (upload.newPhoto()) photos.deleteForever(owner, List.of(photoId)); // ours alone: nothing names it now
        if (now == null) throw new TransformConflictException("Transform " + id + " was deleted meanwhile; nothing was saved.");
        if (now.savedPhotoId() != null) return new Saved(now.savedPhotoId(), false);
        throw new TransformConflictException("Transform " + id + " is " + now.status() + "; only a completed result can be saved.");
    }

    private UploadOutcome uploadResult(UUID owner, TransformRow row, byte[] jpeg) {
        try {
            return uploads.upload(owner, fileName(owner, row), new ByteArrayInputStream(jpeg));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #saveToLibrary}'s photo id. */
    public UUID save(UUID owner, UUID id) {
        return saveToLibrary(owner, id).photoId();
    }

    /** Deletes the owner's transform (cancelling it when running); its objects go after the row. */
    public void delete(UUID owner, UUID id) {
        TransformRow row = transaction.execute(status -> {
            TransformRow deleted = rows.delete(owner, id).orElseThrow(() -> noTransform(id));
            if (deleted.jobId() != null && !TransformStatus.of(deleted.status()).finished()) jobs.cancel(owner, deleted.jobId());
            return deleted;
        });
        if (row != null) results.deleteQuietly(java.util.Arrays.asList(row.resultKey(), row.thumbnailKey()));
    }

    /** The completed, unexpired result image of the owner's transform. */
    public Optional<ResultImage> result(UUID owner, UUID id) {
        return image(owner, id, true);
    }

    /** Its 400 px thumbnail. */
    public Optional<ResultImage> thumbnail(UUID owner, UUID id) {
        return image(owner, id, false);
    }

    private Optional<ResultImage> image(UUID owner, UUID id, boolean full) {
        TransformRow row = rows.find(owner, id).orElse(null);
        if (row == null || !TransformStatus.COMPLETED.id().equals(row.status())) return Optional.empty();
        String key = full ? row.resultKey() : row.thumbnailKey();
        if (key == null) return Optional.empty();
        Optional<Long> size = results.size(key);
        String name = stem(photos.find(owner, row.photoId()).map(PhotoView::originalName).orElse(null)) + "-" + safeStyle(row.style())
                + (full ? "" : "-thumbnail") + ".jpg";
        return size.map(bytes -> results.image(key, bytes, "\"" + id + (full ? "-result" : "-thumbnail") + "\"", name));
    }

    /**
     * Runs the pipeline (no save step, no rows, no objects) on the photo's preview rendition and returns the JPEG:
     * a quick look for the Restyle dialog. Call it off the UI thread.
     *
     * @throws PreviewFailedException when validation refused the result
     */
    public byte[] preview(UUID owner, UUID photoId, String style, @Nullable JsonNode params) {
        StyleRequest request = restyler.check(style, params == null || params.isNull() ? JsonNodeFactory.instance.objectNode() : params);
        try {
            SourceImages images = sources.load(owner, photoId, request, Rendition.PREVIEW);
            PipelineResult result = restyler.run(request, images, QUIET);
            return result.resultJpeg();
        } catch (ValidationFailedException e) {
            throw new PreviewFailedException(String.valueOf(e.getMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final StepReporter QUIET = new StepReporter() {
        @Override
        public void started(Step step, String message) {
        }

        @Override
        public void progress(Step step, double fraction, String message) {
        }

        @Override
        public void finished(Step step, StepStatus status, long millis, String message) {
        }
    };

    private static final String JOB_STOPPED = "The job running this transform stopped.";

    /**
     * A row still active whose job ended without saying so (its worker died on the last attempt: the lease ran out)
     * is ended the way its job was, so it does not stay "analyzing" forever. Only a single read writes that.
     */
    private TransformRow settled(TransformRow row) {
        TransformRow ended = asEnded(row);
        if (ended == row) return row;
        rows.finish(row.id(), ended.status(), ended.error(), String.valueOf(ended.message()), row.steps());
        return rows.findById(row.id()).orElse(ended);
    }

    /** The row as its job's joined status says it ended (no write); the row itself when it is consistent. */
    private static TransformRow asEnded(TransformRow row) {
        if (row.jobId() == null || TransformStatus.of(row.status()).finished()) return row;
        String job = row.jobStatus();
        if (JobStatus.FAILED.name().equals(job)) return row.ended(TransformStatus.FAILED.id(), JOB_STOPPED, "Failed");
        if (JobStatus.CANCELLED.name().equals(job)) return row.ended(TransformStatus.CANCELLED.id(), null, "Cancelled");
        return row;
    }

    private TransformView view(TransformRow stored) {
        TransformRow row = asEnded(stored);
        TransformStatus status = TransformStatus.of(row.status());
        Integer width = row.resultWidth();
        Integer height = row.resultHeight();
        Long bytes = row.resultBytes();
        TransformView.Result result = status == TransformStatus.COMPLETED && width != null && height != null && bytes != null
                ? new TransformView.Result(width, height, bytes) : null;
        List<TransformView.StepView> steps = List.of(json.readValue(row.steps(), TransformView.StepView[].class));
        return new TransformView(row.id(), row.photoId(), row.style(), json.readTree(row.params()), status, row.step(), row.progress(),
                row.message(), row.error(), steps, result, row.expiresAt(), row.createdAt(),
                row.finishedAt(), row.savedPhotoId(), row.jobId());
    }

    private @Nullable String fileName(UUID owner, TransformRow row) {
        String original = photos.find(owner, row.photoId()).map(PhotoView::originalName).orElse(null);
        return stem(original) + "-" + safeStyle(row.style()) + ".jpg";
    }

    private static String stem(@Nullable String name) {
        if (name == null || name.isBlank()) return "photo";
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    private static String safeStyle(String style) {
        return style.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
    }

    private static TransformNotFoundException noPhoto(UUID photoId) {
        return new TransformNotFoundException("No photo " + photoId + " in your library.");
    }

    private static TransformNotFoundException noTransform(UUID id) {
        return new TransformNotFoundException("No transform " + id + " of yours.");
    }

    private static IllegalArgumentException badCursor() {
        return new IllegalArgumentException("cursor: not a cursor this server issued");
    }
}

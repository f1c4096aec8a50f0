package dev.lightbox.skin.service;

import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.jobs.JobView;
import dev.lightbox.library.service.KeysetCursor;
import dev.lightbox.library.service.PhotoAdded;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.library.service.PhotoUploadService;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.library.service.PhotoWithoutOriginalException;
import dev.lightbox.library.service.UploadOutcome;
import dev.lightbox.skin.domain.SkinRepository;
import dev.lightbox.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The skin diary: a user's check-ins (photos of their face), each measured by a {@code skin.analyse} job,
 * and the trends of their metrics. Another user's photo is simply not found.
 */
@Service
public class SkinDiaryService {

    /** The job type that measures a check-in, for views following its progress. */
    public static final String JOB_TYPE = SkinAnalyseJob.TYPE.name();

    /** The skin analyser version whose results the diary shows (older cached results are measured again). */
    public static final int ANALYZER_VERSION = SkinAnalyzer.VERSION;

    public static final int MAX_PAGE = 200;

    public record CheckinPage(List<Checkin> items, @Nullable String nextCursor) {
    }

    /** The crop's size and each region's outline in crop pixels {x, y}. */
    public record CropGeometry(int width, int height, Map<SkinRegion, List<double[]>> polygons) {
    }

    private final SkinRepository repository;
    private final PhotoService photos;
    private final PhotoUploadService uploads;
    private final JobService jobs;
    private final SkinCheckinJobs checkinJobs;
    private final ObjectStore store;
    private final SkinJson json;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SkinDiaryService(SkinRepository repository, PhotoService photos, PhotoUploadService uploads, JobService jobs, SkinCheckinJobs checkinJobs,
                     ObjectStore store, SkinJson json, TransactionTemplate transaction, Clock clock) {
        this.repository = repository;
        this.photos = photos;
        this.uploads = uploads;
        this.jobs = jobs;
        this.checkinJobs = checkinJobs;
        this.store = store;
        this.json = json;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Same validation, limits and dedupe as photo upload (throws UploadRejectedException); adds the photo to the diary. */
    public CheckinStarted upload(UUID ownerId, @Nullable String fileName, InputStream in, CheckinSource source) throws IOException {
        return uploaded(ownerId, fileName, in, source).started();
    }

    /** A check-in made by an upload; whether the photo (rather than the same bytes in the library) and the check-in are new. */
    public record Uploaded(CheckinStarted started, boolean newPhoto, boolean newCheckin) {
    }

    /** {@link #upload}, telling whether the photo is new, so a request refused afterwards can {@link #undo} it. */
    public Uploaded uploaded(UUID ownerId, @Nullable String fileName, InputStream in, CheckinSource source) throws IOException {
        UploadOutcome outcome = uploads.upload(ownerId, fileName, in);
        boolean inDiary = started(ownerId, outcome.photo().id()).isPresent();
        CheckinStarted started = add(ownerId, outcome.photo().id(), source)
                .orElseThrow(() -> new IllegalStateException("The photo just stored is gone (deleted meanwhile)."));
        return new Uploaded(started, outcome.newPhoto(), !inDiary);
    }

    /** Takes back an upload's check-in, and its photo when the upload stored it. */
    public void undo(UUID ownerId, Uploaded upload) {
        UUID photoId = upload.started().photoId();
        if (upload.newPhoto()) photos.deleteForever(ownerId, Set.of(photoId));
        else if (upload.newCheckin()) remove(ownerId, photoId);
    }

    /**
     * An existing photo of the owner's; empty when there is none with that id. Adding twice returns the same check-in.
     * Throws {@link PhotoWithoutOriginalException} for a photo synced without its original (no pixels to read).
     */
    public Optional<CheckinStarted> add(UUID ownerId, UUID photoId, CheckinSource source) {
        Optional<CheckinStarted> existing = started(ownerId, photoId);
        if (existing.isPresent()) return existing;
        List<PhotoAdded> facts = photos.contents(ownerId, Set.of(photoId));
        Optional<PhotoView> photo = photos.find(ownerId, photoId);
        if (facts.isEmpty() || photo.isEmpty()) return Optional.empty();
        if (!photo.get().hasOriginal()) throw new PhotoWithoutOriginalException("A skin check-in");
        LocalDateTime takenAt = photo.get().takenAt();
        transaction.execute(status -> {
            if (checkinJobs.add(facts.getFirst(), takenAt, source, clock.instant().truncatedTo(ChronoUnit.MICROS))) return true;
            status.setRollbackOnly(); // added meanwhile by another request: that one stands
            return false;
        });
        return started(ownerId, photoId);
    }

    private Optional<CheckinStarted> started(UUID ownerId, UUID photoId) {
        return repository.checkin(ownerId, photoId).map(row -> new CheckinStarted(row.photoId(), row.jobId()));
    }

    /** The diary entry only, never the photo; false when the photo is not in the owner's diary. */
    @Transactional
    public boolean remove(UUID ownerId, UUID photoId) {
        return repository.deleteCheckin(ownerId, photoId);
    }

    /** Newest takenAt first, {@code limit} (1–200) at a time; {@code cursor} is the previous page's nextCursor. */
    @Transactional(readOnly = true)
    public CheckinPage checkins(UUID ownerId, @Nullable String cursor, int limit) {
        int size = Math.clamp(limit, 1, MAX_PAGE);
        LocalDateTime before = null;
        UUID beforeId = null;
        if (cursor != null && !cursor.isBlank()) {
            String[] parts = KeysetCursor.decode(cursor, 2).orElseThrow(SkinDiaryService::foreignCursor);
            try {
                before = LocalDateTime.parse(parts[0]);
                beforeId = UUID.fromString(parts[1]);
            } catch (RuntimeException malformed) {
                throw foreignCursor();
            }
        }
        List<SkinRepository.CheckinRow> rows = repository.page(ownerId, before, beforeId, size + 1);
        List<Checkin> items = rows.stream().limit(size).map(this::checkin).toList();
        String next = rows.size() > size ? KeysetCursor.encode(items.getLast().takenAt(), items.getLast().photoId()) : null;
        return new CheckinPage(items, next);
    }

    private static IllegalArgumentException foreignCursor() {
        return new IllegalArgumentException("cursor: not a cursor this server issued");
    }

    @Transactional(readOnly = true)
    public Optional<Checkin> find(UUID ownerId, UUID photoId) {
        return repository.checkin(ownerId, photoId).map(this::checkin);
    }

    /** The analysed (DONE) check-in taken before this one. */
    @Transactional(readOnly = true)
    public Optional<Checkin> previous(UUID ownerId, UUID photoId) {
        return repository.checkin(ownerId, photoId)
                .flatMap(row -> repository.measuredBefore(ownerId, row.takenAt(), row.photoId()))
                .map(this::checkin);
    }

    /**
     * The metric over the analysed check-ins taken from {@code from} to {@code to} (whole days, both included;
     * open when null), for the whole skin or one region.
     */
    @Transactional(readOnly = true)
    public SkinTrend trend(UUID ownerId, SkinMetric metric, @Nullable SkinRegion region, @Nullable LocalDate from, @Nullable LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) throw new IllegalArgumentException("to: must not be before from.");
        var points = new ArrayList<SkinTrend.Point>();
        for (SkinRepository.CheckinRow row : repository.measured(ownerId, from == null ? null : from.atStartOfDay(),
                to == null ? null : to.plusDays(1).atStartOfDay())) {
            Checkin checkin = checkin(row);
            SkinValues values = region == null ? checkin.metrics() : checkin.regions().get(region);
            if (values != null) points.add(new SkinTrend.Point(checkin.photoId(), checkin.takenAt(), values.get(metric)));
        }
        return new SkinTrend(metric, region, List.copyOf(points), change(points));
    }

    private static SkinTrend.@Nullable Change change(List<SkinTrend.Point> points) {
        if (points.size() < 2) return null;
        double first = points.getFirst().value();
        double previous = points.get(points.size() - 2).value();
        double last = points.getLast().value();
        return new SkinTrend.Change(first, previous, percent(first, last), percent(previous, last));
    }

    private static @Nullable Double percent(double from, double to) {
        return from == 0 ? null : (to - from) / Math.abs(from) * 100;
    }

    /** The face crop as JPEG (with the region outlines drawn when {@code annotated}); empty unless measured. */
    public Optional<byte[]> crop(UUID ownerId, UUID photoId, boolean annotated) {
        return repository.checkin(ownerId, photoId)
                .filter(row -> row.failedReason() == null)
                .map(SkinRepository.CheckinRow::analysis)
                .map(analysis -> annotated ? analysis.annotatedKey() : analysis.cropKey())
                .map(this::read);
    }

    private byte[] read(String key) {
        try (InputStream in = store.get(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + key, e);
        }
    }

    @Transactional(readOnly = true)
    public Optional<CropGeometry> geometry(UUID ownerId, UUID photoId) {
        return repository.checkin(ownerId, photoId)
                .filter(row -> row.failedReason() == null)
                .map(SkinRepository.CheckinRow::analysis)
                .filter(analysis -> analysis.cropKey() != null)
                .map(analysis -> new CropGeometry(analysis.cropWidth(), analysis.cropHeight(), json.polygons(analysis.polygons())));
    }

    /**
     * A pending check-in whose job ended without recording an outcome (its failure event was missed) reads as failed;
     * one without a job waits for its photo's analysis.
     */
    private Checkin checkin(SkinRepository.CheckinRow row) {
        Checkin checkin = Checkins.of(row, json);
        UUID jobId = row.jobId();
        if (checkin.status() != CheckinStatus.PENDING || jobId == null) return checkin;
        Optional<JobView> job = jobs.find(row.ownerId(), jobId);
        if (job.isEmpty()) return Checkins.failed(checkin, "The analysis job is gone.");
        JobStatus status = job.get().status();
        if (status == JobStatus.FAILED || status == JobStatus.CANCELLED) return Checkins.failed(checkin, SkinFailures.reason(job.get()));
        return checkin;
    }
}

package dev.lightbox.library.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightbox.jobs.JobTypes;
import dev.lightbox.jobs.JobView;
import dev.lightbox.library.service.PhotoRanking;
import dev.lightbox.library.service.PhotoView;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A photo in the REST API. {@code takenAt} is the local capture time the camera recorded (no zone);
 * {@code flag} is {@code picked}, {@code rejected} or {@code none}; {@code source} is {@code upload} or {@code sync} (analysed on the
 * owner's device: no original here, so {@code links.original} is absent).
 * {@code trashedAt} is there only for a photo in the trash (see {@code /api/v1/trash}).
 * {@code jobs} (work done on the photo, e.g. its renditions) comes with a single photo, not in lists.
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.ALWAYS)
record PhotoJson(
        UUID id,
        String sha256,
        String format,
        long sizeBytes,
        int width,
        int height,
        LocalDateTime takenAt,
        String takenAtSource,
        Instant uploadedAt,
        @Nullable String originalName,
        Camera camera,
        Exposure exposure,
        @Nullable Location location,
        String flag,
        String source,
        @Nullable Instant trashedAt,
        Links links,
        @Nullable List<JobRef> jobs,
        @JsonIgnore Map<String, Object> details) {

    /** Fields other modules contribute (see {@link dev.lightbox.library.service.PhotoDetails}), e.g. "analysis". */
    @JsonAnyGetter
    Map<String, Object> contributed() {
        return details;
    }

    /** {@code title}: the human name of the job's type. */
    record JobRef(UUID id, String type, String title, String status, double progress, @Nullable String step) {
        static JobRef of(JobView job, JobTypes types) {
            return new JobRef(job.id(), job.type(), types.title(job.type()), job.status().name(), job.progress(), job.step());
        }
    }

    record Camera(@Nullable String make, @Nullable String model, @Nullable String lens) {
    }

    record Exposure(@Nullable Double fNumber, @Nullable Double exposureSeconds, @Nullable Integer iso, @Nullable Double focalLengthMm) {
    }

    record Location(double latitude, double longitude) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Links(String thumbnail, String preview, @Nullable String original) {
    }

    static PhotoJson withDetails(PhotoView p, List<JobView> jobs, JobTypes types, Map<String, Object> details) {
        PhotoJson base = of(p);
        return new PhotoJson(base.id, base.sha256, base.format, base.sizeBytes, base.width, base.height, base.takenAt, base.takenAtSource,
                base.uploadedAt, base.originalName, base.camera, base.exposure, base.location, base.flag, base.source, base.trashedAt, base.links, jobs.stream().map(j -> JobRef.of(j, types)).toList(),
                details);
    }

    /** The photo as {@code GET /api/v1/photos/{id}} answers it, without the jobs (work in progress, not data). */
    static PhotoJson document(PhotoView p, Map<String, Object> details) {
        PhotoJson base = of(p);
        return new PhotoJson(base.id, base.sha256, base.format, base.sizeBytes, base.width, base.height, base.takenAt, base.takenAtSource,
                base.uploadedAt, base.originalName, base.camera, base.exposure, base.location, base.flag, base.source, base.trashedAt, base.links, null, details);
    }

    /** A list item of a page ranked or filtered by score: {@code score} and {@code passed} come with it. */
    static PhotoJson ranked(PhotoView p, PhotoRanking.@Nullable Ranked rank) {
        if (rank == null) return of(p);
        PhotoJson base = of(p);
        return new PhotoJson(base.id, base.sha256, base.format, base.sizeBytes, base.width, base.height, base.takenAt, base.takenAtSource,
                base.uploadedAt, base.originalName, base.camera, base.exposure, base.location, base.flag, base.source, base.trashedAt, base.links, null,
                Map.of("score", rank.score(), "passed", rank.passed()));
    }

    /** An item of the trash: the photo with its {@code trashedAt} and {@code expiresAt} (when it is deleted forever). */
    static PhotoJson trashed(PhotoView p, Instant expiresAt) {
        PhotoJson base = of(p);
        return new PhotoJson(base.id, base.sha256, base.format, base.sizeBytes, base.width, base.height, base.takenAt, base.takenAtSource,
                base.uploadedAt, base.originalName, base.camera, base.exposure, base.location, base.flag, base.source, base.trashedAt, base.links, null,
                Map.of("expiresAt", expiresAt));
    }

    static PhotoJson of(PhotoView p) {
        String base = "/api/v1/photos/" + p.id();
        return new PhotoJson(p.id(), p.sha256(), p.format().name(), p.sizeBytes(), p.width(), p.height(), p.takenAt(),
                p.takenAtFromCamera() ? "EXIF" : "UPLOAD", p.uploadedAt(), p.originalName(),
                new Camera(p.cameraMake(), p.cameraModel(), p.lens()),
                new Exposure(p.fNumber(), p.exposureSeconds(), p.iso(), p.focalLengthMm()),
                p.gpsLatitude() != null && p.gpsLongitude() != null ? new Location(p.gpsLatitude(), p.gpsLongitude()) : null,
                p.flag().parameter(), p.source().parameter(), p.trashedAt(),
                new Links(base + "/thumbnail", base + "/preview", p.hasOriginal() ? base + "/original" : null), null, Map.of());
    }
}

package dev.lightbox.skin.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.skin.service.Checkin;
import dev.lightbox.skin.service.CheckinSource;
import dev.lightbox.skin.service.CheckinStarted;
import dev.lightbox.skin.service.SkinDetails;
import dev.lightbox.skin.service.SkinDiaryService;
import dev.lightbox.skin.service.SkinMetric;
import dev.lightbox.skin.service.SkinRegion;
import dev.lightbox.skin.service.SkinTrend;
import dev.lightbox.skin.service.SkinValues;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.InvalidPathException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import dev.lightbox.library.service.PhotoWithoutOriginalException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The skin diary's REST API: check-ins (upload, add an existing photo, remove, list, crop) and trends.
 * Upload errors are the photo upload's (same validation, limits and problem+json).
 */
@RestController
class SkinController {

    private final SkinDiaryService diary;

    SkinController(SkinDiaryService diary) {
        this.diary = diary;
    }

    record StartedJson(UUID photoId, @Nullable UUID jobId) {
        static StartedJson of(CheckinStarted started) {
            return new StartedJson(started.photoId(), started.jobId());
        }
    }

    record CheckinJson(UUID photoId, LocalDateTime takenAt, Instant addedAt, String source, String status, @Nullable String reason,
                       @Nullable ValuesJson metrics, Map<String, ValuesJson> regions, @Nullable SkinDetails details, @Nullable UUID jobId) {
        static CheckinJson of(Checkin c) {
            var regions = new LinkedHashMap<String, ValuesJson>();
            c.regions().forEach((region, values) -> regions.put(region.key(), ValuesJson.of(values)));
            SkinValues metrics = c.metrics();
            return new CheckinJson(c.photoId(), c.takenAt(), c.addedAt(), c.source().name().toLowerCase(java.util.Locale.ROOT), c.status().json(),
                    c.reason(), metrics == null ? null : ValuesJson.of(metrics), regions, c.details(), c.jobId());
        }
    }

    /** The five metrics of one area; {@code blemishes} is a count, so an integer in JSON (4, not 4.0). */
    record ValuesJson(double redness, long blemishes, double evenness, double texture, double shine) {
        static ValuesJson of(SkinValues v) {
            return new ValuesJson(v.redness(), Math.round(v.blemishes()), v.evenness(), v.texture(), v.shine());
        }
    }

    record PageJson(List<CheckinJson> items, @Nullable String nextCursor) {
    }

    record PointJson(UUID photoId, LocalDateTime takenAt, double value) {
    }

    record TrendJson(String metric, @Nullable String region, List<PointJson> points, SkinTrend.@Nullable Change change) {
    }

    /** Multipart field {@code file}, one per request, streamed on to the store like a photo upload. */
    @PostMapping(path = "/api/v1/skin/checkins", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<StartedJson> upload(HttpServletRequest request) throws IOException {
        UUID owner = CurrentUser.require().id();
        SkinDiaryService.Uploaded uploaded = null;
        try {
            var parts = new JakartaServletFileUpload<>().getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (part.isFormField() || !"file".equals(part.getFieldName())) continue;
                if (uploaded != null) {
                    diary.undo(owner, uploaded);
                    throw new IllegalArgumentException("file: send one photo per request; this one had several 'file' parts, none was kept.");
                }
                try (InputStream in = part.getInputStream()) {
                    uploaded = diary.uploaded(owner, fileName(part), in, CheckinSource.API);
                }
            }
        } catch (FileUploadException e) {
            throw new IllegalArgumentException("file: the multipart body could not be read: " + e.getMessage(), e);
        }
        if (uploaded == null) throw new IllegalArgumentException("file: send the photo as multipart/form-data field 'file'.");
        return ResponseEntity.accepted().body(StartedJson.of(uploaded.started()));
    }

    private static @Nullable String fileName(FileItemInput part) {
        try {
            return part.getName();
        } catch (InvalidPathException e) {
            return e.getInput();
        }
    }

    @PostMapping("/api/v1/photos/{id}/skin")
    ResponseEntity<?> add(@PathVariable UUID id) {
        return diary.add(CurrentUser.require().id(), id, CheckinSource.API)
                .<ResponseEntity<?>>map(started -> ResponseEntity.accepted().body(StartedJson.of(started)))
                .orElseGet(() -> notFound("No photo " + id + " in your library."));
    }

    @DeleteMapping("/api/v1/skin/checkins/{photoId}")
    ResponseEntity<?> remove(@PathVariable UUID photoId) {
        return diary.remove(CurrentUser.require().id(), photoId) ? ResponseEntity.noContent().build() : notFound(notInDiary(photoId));
    }

    @GetMapping("/api/v1/skin/checkins")
    PageJson list(@RequestParam(required = false) @Nullable String cursor, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > SkinDiaryService.MAX_PAGE) {
            throw new IllegalArgumentException("limit: must be between 1 and " + SkinDiaryService.MAX_PAGE + ".");
        }
        var page = diary.checkins(CurrentUser.require().id(), cursor, limit);
        return new PageJson(page.items().stream().map(CheckinJson::of).toList(), page.nextCursor());
    }

    @GetMapping("/api/v1/skin/checkins/{photoId}")
    ResponseEntity<?> get(@PathVariable UUID photoId) {
        return diary.find(CurrentUser.require().id(), photoId).<ResponseEntity<?>>map(c -> ResponseEntity.ok(CheckinJson.of(c)))
                .orElseGet(() -> notFound(notInDiary(photoId)));
    }

    /** The face crop (JPEG), with the region outlines when {@code annotated}; 404 while pending, refused or failed. */
    @GetMapping("/api/v1/skin/checkins/{photoId}/crop")
    ResponseEntity<?> crop(@PathVariable UUID photoId, @RequestParam(defaultValue = "false") boolean annotated) {
        return diary.crop(CurrentUser.require().id(), photoId, annotated)
                .<ResponseEntity<?>>map(jpeg -> ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG)
                        .cacheControl(CacheControl.noCache().cachePrivate()).body(jpeg))
                .orElseGet(() -> notFound("No face crop for " + photoId + ": it is not in your diary, or not measured."));
    }

    @GetMapping("/api/v1/skin/trends")
    TrendJson trend(@RequestParam(required = false) @Nullable String metric, @RequestParam(required = false) @Nullable String region,
                    @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to) {
        SkinMetric chosen = SkinMetric.of(metric == null ? "" : metric).orElseThrow(() -> new IllegalArgumentException(
                "metric: " + (metric == null || metric.isBlank() ? "required" : "unknown metric '" + metric + "'") + "; one of "
                        + Arrays.stream(SkinMetric.values()).map(SkinMetric::key).collect(Collectors.joining(", ")) + "."));
        SkinRegion chosenRegion = region == null || region.isBlank() ? null : SkinRegion.of(region).orElseThrow(() -> new IllegalArgumentException(
                "region: unknown region '" + region + "'; one of "
                        + Arrays.stream(SkinRegion.values()).map(SkinRegion::key).collect(Collectors.joining(", ")) + "."));
        SkinTrend trend = diary.trend(CurrentUser.require().id(), chosen, chosenRegion, date("from", from), date("to", to));
        return new TrendJson(chosen.key(), chosenRegion == null ? null : chosenRegion.key(),
                trend.points().stream().map(p -> new PointJson(p.photoId(), p.takenAt(), p.value())).toList(), trend.change());
    }

    private static @Nullable LocalDate date(String name, @Nullable String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": a date like 2026-03-03, got '" + text + "'.");
        }
    }

    private static String notInDiary(UUID photoId) {
        return "Photo " + photoId + " is not in your skin diary.";
    }

    private static ResponseEntity<ProblemDetail> notFound(String detail) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail));
    }

    @ExceptionHandler(PhotoWithoutOriginalException.class)
    ResponseEntity<ProblemDetail> withoutOriginal(PhotoWithoutOriginalException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, String.valueOf(e.getMessage())));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
}

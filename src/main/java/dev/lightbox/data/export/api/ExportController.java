package dev.lightbox.data.export.api;

import dev.lightbox.base.api.ByteRanges;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.data.export.service.ExportException;
import dev.lightbox.data.export.service.ExportService;
import dev.lightbox.data.export.service.ExportView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The export REST API ({@code /api/v1/export}): start (202, or 409 naming the export already running), read, list,
 * download the zip (byte ranges; 410 once expired; also at {@code /media/exports/{id}/download} for the Settings page). Another user's export answers 404 like one that does not exist.
 */
@RestController
class ExportController {

    private final ExportService exports;

    ExportController(ExportService exports) {
        this.exports = exports;
    }

    record StartedJson(UUID id, UUID jobId) {
    }

    record ExportJson(UUID id, @Nullable UUID jobId, String status, @Nullable Long sizeBytes, @Nullable Integer photoCount, Instant createdAt,
                      @Nullable Instant expiresAt, @Nullable String downloadUrl) {
        static ExportJson of(ExportView e) {
            return new ExportJson(e.id(), e.jobId(), e.status().name(), e.sizeBytes(), e.photoCount(), e.createdAt(), e.expiresAt(), e.downloadUrl());
        }
    }

    record PageJson(List<ExportJson> items, @Nullable String nextCursor) {
    }

    @PostMapping("/api/v1/export")
    ResponseEntity<StartedJson> start() {
        var started = exports.start(CurrentUser.require().id());
        return ResponseEntity.accepted().body(new StartedJson(started.id(), started.jobId()));
    }

    @GetMapping("/api/v1/export")
    PageJson list(@RequestParam(required = false) @Nullable String cursor, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > ExportService.MAX_PAGE) {
            throw new IllegalArgumentException("limit: must be between 1 and " + ExportService.MAX_PAGE + ".");
        }
        var page = exports.list(CurrentUser.require().id(), cursor, limit);
        return new PageJson(page.items().stream().map(ExportJson::of).toList(), page.nextCursor());
    }

    @GetMapping("/api/v1/export/{id}")
    ExportJson get(@PathVariable UUID id) {
        return exports.find(CurrentUser.require().id(), id).map(ExportJson::of)
                .orElseThrow(() -> new ExportException(ExportException.Reason.NOT_FOUND, id, "No export " + id + " of yours."));
    }

    /** {@code /media/exports/…}: the same for the browser, behind the UI's session login (a link cannot send a bearer token). */
    @GetMapping({"/api/v1/export/{id}/download", "/media/exports/{id}/download"})
    ResponseEntity<StreamingResponseBody> download(@PathVariable UUID id,
                                                   @RequestHeader(value = HttpHeaders.RANGE, required = false) @Nullable String range) {
        ExportService.Download zip = exports.download(CurrentUser.require().id(), id);
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/zip"));
        headers.setCacheControl(CacheControl.noStore());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.setContentDisposition(ContentDisposition.attachment().filename(zip.fileName(), StandardCharsets.UTF_8).build());
        return ByteRanges.respond(zip.size(), range, headers, (from, length) -> exports.open(zip, from, length));
    }

    @ExceptionHandler(ExportException.class)
    ResponseEntity<ProblemDetail> problem(ExportException e) {
        HttpStatus status = switch (e.reason()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case RUNNING, NOT_READY -> HttpStatus.CONFLICT;
            case EXPIRED -> HttpStatus.GONE;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, String.valueOf(e.getMessage()));
        if (e.reason() == ExportException.Reason.RUNNING && e.exportId() != null) problem.setProperty("id", e.exportId());
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage())));
    }
}

package dev.lightbox.library.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobTypes;
import dev.lightbox.library.service.PhotoFlag;
import dev.lightbox.library.service.PhotoQuery;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.library.service.PhotoUploadService;
import dev.lightbox.library.service.UploadOutcome;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** {@code /api/v1/photos}: upload (streamed), list newest first with a cursor, read, media, delete. */
@RestController
@RequestMapping("/api/v1/photos")
class PhotoApiController {

    private final PhotoUploadService uploads;
    private final PhotoService photos;
    private final MediaResponder media;
    private final JobService jobs;
    private final PhotoDocuments documents;
    private final JobTypes jobTypes;

    PhotoApiController(PhotoUploadService uploads, PhotoService photos, MediaResponder media, JobService jobs, PhotoDocuments documents,
                       JobTypes jobTypes) {
        this.jobTypes = jobTypes;
        this.uploads = uploads;
        this.photos = photos;
        this.media = media;
        this.jobs = jobs;
        this.documents = documents;
    }

    record UploadJson(UUID id, String sha256, boolean duplicate, LocalDateTime takenAt, int width, int height) {
    }

    record PageJson(List<PhotoJson> items, @Nullable String nextCursor) {
    }

    /**
     * Multipart field {@code file}, exactly one per request. The part is parsed as a stream, so its bytes
     * flow on to the object store as they arrive instead of being spooled to memory or disk first; a second
     * file is only seen after the first is stored, which is then taken back.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<UploadJson> upload(HttpServletRequest request) throws IOException {
        UUID owner = CurrentUser.require().id();
        @Nullable UploadOutcome outcome = null;
        try {
            var parts = new JakartaServletFileUpload<>().getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (part.isFormField() || !"file".equals(part.getFieldName())) continue;
                if (outcome != null) {
                    if (outcome.newPhoto()) photos.deleteForever(owner, Set.of(outcome.photo().id()));
                    throw new IllegalArgumentException("file: send one photo per request; this one had several 'file' parts, none was kept.");
                }
                try (InputStream in = part.getInputStream()) {
                    outcome = uploads.upload(owner, fileName(part), in);
                }
            }
        } catch (FileUploadException e) {
            throw new IllegalArgumentException("file: the multipart body could not be read: " + e.getMessage(), e);
        }
        if (outcome == null) throw new IllegalArgumentException("file: send the photo as multipart/form-data field 'file'.");
        var body = new UploadJson(outcome.photo().id(), outcome.photo().sha256(), outcome.duplicate(),
                outcome.photo().takenAt(), outcome.photo().width(), outcome.photo().height());
        return outcome.duplicate()
                ? ResponseEntity.ok(body)
                : ResponseEntity.created(URI.create("/api/v1/photos/" + body.id())).body(body);
    }

    /** The client's name for the file; one with a NUL in it is refused by the parser, and is cleaned instead. */
    private static @Nullable String fileName(FileItemInput part) {
        try {
            return part.getName();
        } catch (InvalidPathException e) {
            return e.getInput();
        }
    }

    /**
     * Newest first by default; {@code sort=score} (best first) or {@code score-asc}, and {@code minScore},
     * {@code maxScore}, {@code passed} filters, by the active scoring config; or {@code label} (newest
     * first); {@code flag} ({@code picked}, {@code rejected} or {@code none}) and {@code q} (at most 100 characters,
     * found case-insensitively in the vision caption and tags and in the photo's labels) combine with any of them.
     * The cursor belongs to the order it came from.
     */
    @GetMapping
    PageJson list(@RequestParam(required = false) @Nullable String cursor, @RequestParam(defaultValue = "50") int limit,
                  @RequestParam(defaultValue = "date") String sort, @RequestParam(required = false) @Nullable Double minScore,
                  @RequestParam(required = false) @Nullable Double maxScore, @RequestParam(required = false) @Nullable Boolean passed,
                  @RequestParam(required = false) @Nullable String label, @RequestParam(required = false) @Nullable String predicted,
                  @RequestParam(required = false) @Nullable String flag, @RequestParam(required = false) @Nullable String q) {
        if (limit < 1 || limit > PhotoService.MAX_PAGE) {
            throw new IllegalArgumentException("limit: must be between 1 and " + PhotoService.MAX_PAGE + ".");
        }
        var query = new PhotoQuery(PhotoQuery.Sort.fromParameter(sort), minScore, maxScore, passed, blankToNull(label), blankToNull(predicted),
                flag == null || flag.isBlank() ? null : PhotoFlag.fromParameter(flag), q);
        var page = photos.list(CurrentUser.require().id(), query, cursor, limit);
        return new PageJson(page.items().stream().map(p -> PhotoJson.ranked(p, page.ranks().get(p.id()))).toList(), page.nextCursor());
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }

    @GetMapping("/{id}")
    ResponseEntity<PhotoJson> get(@PathVariable UUID id) {
        UUID owner = CurrentUser.require().id();
        return photos.find(owner, id).map(p -> PhotoJson.withDetails(p, jobs.forSubject(owner, id), jobTypes, documents.contributed(owner, p)))
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** {@code flag}: {@code picked}, {@code rejected}, or {@code none} / null to clear. */
    record FlagJson(@Nullable String flag) {
    }

    record FlaggedJson(UUID id, String flag) {
    }

    @PutMapping("/{id}/flag")
    ResponseEntity<FlaggedJson> flag(@PathVariable UUID id, @RequestBody FlagJson body) {
        PhotoFlag flag = PhotoFlag.fromParameter(body.flag());
        return photos.setFlag(CurrentUser.require().id(), id, flag)
                ? ResponseEntity.ok(new FlaggedJson(id, flag.parameter()))
                : ResponseEntity.notFound().build();
    }

    @GetMapping("/{id}/{rendition:thumbnail|preview|original}")
    ResponseEntity<StreamingResponseBody> media(@PathVariable UUID id, @PathVariable String rendition,
                                                @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch,
                                                @RequestHeader(value = HttpHeaders.RANGE, required = false) @Nullable String range,
                                                @RequestParam(defaultValue = "false") boolean download) {
        return media.respond(CurrentUser.require().id(), id, rendition, ifNoneMatch, range, download);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        int deleted = photos.delete(CurrentUser.require().id(), Set.of(id));
        return deleted == 0 ? ResponseEntity.notFound().build() : ResponseEntity.noContent().build();
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
}

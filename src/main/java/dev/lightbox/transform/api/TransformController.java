package dev.lightbox.transform.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.library.service.PhotoWithoutOriginalException;
import dev.lightbox.transform.pipeline.InvalidStyleException;
import dev.lightbox.transform.pipeline.StyleInfo;
import dev.lightbox.transform.service.ResultImage;
import dev.lightbox.transform.service.TransformConflictException;
import dev.lightbox.transform.service.TransformNotFoundException;
import dev.lightbox.transform.service.TransformService;
import dev.lightbox.transform.service.TransformView;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Restyle's REST API ({@code /api/v1/transforms}): styles, start, list, read, result images, cancel, save to the
 * library, delete. Another user's photo or transform answers 404 like one that does not exist.
 */
@RestController
class TransformController {

    /** A start names a photo, a style and a few params: 64 KB is far more than any needs. */
    static final int MAX_START_BODY = 64 * 1024;

    private final TransformService transforms;
    private final JsonMapper json;

    TransformController(TransformService transforms, JsonMapper json) {
        this.transforms = transforms;
        this.json = json;
    }

    record StylesJson(List<StyleInfo> items) {
    }

    record StartJson(@Nullable UUID photoId, @Nullable String style, @Nullable JsonNode params) {
    }

    record StartedJson(UUID id, @Nullable UUID jobId) {
    }

    record SavedJson(UUID photoId) {
    }

    record StepJson(String name, String status, long ms, @Nullable String message) {
    }

    record TransformJson(UUID id, UUID photoId, String style, JsonNode params, String status, @Nullable String step, double progress,
                         @Nullable String message, @Nullable String error, List<StepJson> steps, TransformView.@Nullable Result result,
                         @Nullable Instant expiresAt, Instant createdAt, @Nullable Instant finishedAt, @Nullable UUID savedPhotoId,
                         @Nullable UUID jobId) {
        static TransformJson of(TransformView t) {
            return new TransformJson(t.id(), t.photoId(), t.style(), t.params(), t.status().id(), t.step(), t.progress(), t.message(),
                    t.error(), t.steps().stream().map(s -> new StepJson(s.name(), s.status(), s.ms(), s.message())).toList(), t.result(),
                    t.expiresAt(), t.createdAt(), t.finishedAt(), t.savedPhotoId(), t.jobId());
        }
    }

    record PageJson(List<TransformJson> items, @Nullable String nextCursor) {
    }

    @GetMapping("/api/v1/transforms/styles")
    StylesJson styles() {
        return new StylesJson(transforms.styles());
    }

    @PostMapping("/api/v1/transforms")
    ResponseEntity<StartedJson> start(HttpServletRequest request) throws IOException {
        StartJson body = startBody(request);
        UUID photoId = body.photoId();
        if (photoId == null) throw new IllegalArgumentException("photoId: required.");
        String style = body.style();
        if (style == null || style.isBlank()) throw new InvalidStyleException(null, "style: required; GET /api/v1/transforms/styles lists them.");
        TransformView started = transforms.start(CurrentUser.require().id(), photoId, style, body.params());
        return ResponseEntity.accepted().body(new StartedJson(started.id(), started.jobId()));
    }

    /** The start body, refused (413) over {@value #MAX_START_BODY} bytes whether or not it says its length, before it is parsed. */
    private StartJson startBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_START_BODY) throw new BodyTooLargeException();
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_START_BODY + 1);
        }
        if (bytes.length > MAX_START_BODY) throw new BodyTooLargeException();
        try {
            StartJson body = json.readValue(bytes, StartJson.class);
            if (body == null) throw new IllegalArgumentException("The body must be a JSON object {photoId, style, params}.");
            return body;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The body is not a JSON object {photoId, style, params}.");
        }
    }

    @GetMapping("/api/v1/transforms")
    PageJson list(@RequestParam(required = false) @Nullable String cursor, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > TransformService.MAX_PAGE) {
            throw new IllegalArgumentException("limit: must be between 1 and " + TransformService.MAX_PAGE + ".");
        }
        var page = transforms.list(CurrentUser.require().id(), cursor, limit);
        return new PageJson(page.items().stream().map(TransformJson::of).toList(), page.nextCursor());
    }

    @GetMapping("/api/v1/transforms/{id}")
    TransformJson get(@PathVariable UUID id) {
        return transforms.find(CurrentUser.require().id(), id).map(TransformJson::of).orElseThrow(() -> notFound(id));
    }

    @GetMapping("/api/v1/transforms/{id}/result")
    ResponseEntity<StreamingResponseBody> result(@PathVariable UUID id,
                                                 @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch,
                                                 @RequestHeader(value = HttpHeaders.RANGE, required = false) @Nullable String range,
                                                 @RequestParam(defaultValue = "false") boolean download) {
        return image(id, transforms.result(CurrentUser.require().id(), id), ifNoneMatch, range, download);
    }

    @GetMapping("/api/v1/transforms/{id}/thumbnail")
    ResponseEntity<StreamingResponseBody> thumbnail(@PathVariable UUID id,
                                                    @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch,
                                                    @RequestHeader(value = HttpHeaders.RANGE, required = false) @Nullable String range) {
        return image(id, transforms.thumbnail(CurrentUser.require().id(), id), ifNoneMatch, range, false);
    }

    private static ResponseEntity<StreamingResponseBody> image(UUID id, Optional<ResultImage> image, @Nullable String ifNoneMatch,
                                                               @Nullable String range, boolean download) {
        ResultImage found = image.orElseThrow(() -> new TransformNotFoundException(
                "No result image for transform " + id + ": it is not yours, not completed, or its result expired."));
        return ResultImageResponder.respond(found, ifNoneMatch, range, download);
    }

    @PostMapping("/api/v1/transforms/{id}/cancel")
    TransformJson cancel(@PathVariable UUID id) {
        return TransformJson.of(transforms.cancel(CurrentUser.require().id(), id));
    }

    @PostMapping("/api/v1/transforms/{id}/save")
    ResponseEntity<SavedJson> save(@PathVariable UUID id) {
        var saved = transforms.saveToLibrary(CurrentUser.require().id(), id);
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).body(new SavedJson(saved.photoId()));
    }

    @DeleteMapping("/api/v1/transforms/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        transforms.delete(CurrentUser.require().id(), id);
        return ResponseEntity.noContent().build();
    }

    private static TransformNotFoundException notFound(UUID id) {
        return new TransformNotFoundException("No transform " + id + " of yours.");
    }

    @ExceptionHandler(InvalidStyleException.class)
    ResponseEntity<ProblemDetail> invalidStyle(InvalidStyleException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()));
        if (e.param() != null) problem.setProperty("param", e.param());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(TransformNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(TransformNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, String.valueOf(e.getMessage())));
    }

    @ExceptionHandler({TransformConflictException.class, PhotoWithoutOriginalException.class})
    ResponseEntity<ProblemDetail> conflict(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, String.valueOf(e.getMessage())));
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge() {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The body is over " + MAX_START_BODY / 1024 + " KB; a transform is started with {photoId, style, params}."));
    }

    private static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super(null, null, false, false);
        }
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage())));
    }
}

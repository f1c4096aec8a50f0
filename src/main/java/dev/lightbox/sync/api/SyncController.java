package dev.lightbox.sync.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.base.security.LightboxUser;
import dev.lightbox.sync.service.SyncProblem;
import dev.lightbox.sync.service.SyncRejectedException;
import dev.lightbox.sync.service.SyncRequestReader;
import dev.lightbox.sync.service.SyncService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/sync}: a device sends the hashes, metadata and attributes of photos it analysed itself (no bytes),
 * asks what changed since a time, and checks its token and analyser version. The body is bounded before it is parsed;
 * a call with problems answers 400 naming every one of them ({@code problems: [{index, field, problem}]}) and stores nothing.
 */
@RestController
@RequestMapping("/api/v1/sync")
class SyncController {

    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final SyncRequestReader reader;
    private final SyncService sync;
    private final JsonMapper json;

    SyncController(SyncRequestReader reader, SyncService sync, JsonMapper json) {
        this.reader = reader;
        this.sync = sync;
        this.json = json;
    }

    /** The shape of a sync call, for the OpenAPI document (the body itself is read and checked by {@link SyncRequestReader}). */
    record SyncRequest(List<SyncItemJson> items) {
    }

    record SyncItemJson(String sha256, int analyzerVersion, Map<String, Object> attributes, MetadataJson metadata, @Nullable Instant analysedAt) {
    }

    record MetadataJson(@Nullable LocalDateTime takenAt, @Nullable String camera, @Nullable String lens, int width, int height,
                        @Nullable String fileName, @Nullable String format, @Nullable Long sizeBytes) {
    }

    record SyncInfo(int analyzerVersion, int maxItems, UUID userId, String email, long maxBytes, long maxPixels, String faceDetector) {
    }

    @Operation(summary = "Store attributes a device computed for up to 1,000 photos (no image bytes)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "application/json", schema = @Schema(implementation = SyncRequest.class))))
    @ApiResponse(responseCode = "200", description = "How many items made a new photo, changed one, or changed nothing",
            content = @Content(schema = @Schema(implementation = SyncService.Counts.class)))
    @ApiResponse(responseCode = "400", description = "Every problem of the call as problems: [{index, field, problem}]; nothing was stored",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "413", description = "The body is over 8 MB", content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/attributes")
    SyncService.Counts store(HttpServletRequest request) throws IOException {
        UUID owner = CurrentUser.require().id();
        if (request.getContentLengthLong() > MAX_BODY_BYTES) throw new BodyTooLargeException();
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) throw new BodyTooLargeException();
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException e) {
            throw new SyncRejectedException(List.of(new SyncProblem(null, null, "The body is not valid JSON.")));
        }
        return sync.sync(owner, reader.read(tree));
    }

    @Operation(summary = "Your photos whose analysis changed at or after a time, oldest change first")
    @GetMapping("/attributes")
    SyncService.Changes changes(@RequestParam(required = false) @Nullable String since, @RequestParam(required = false) @Nullable String cursor,
                                @RequestParam(defaultValue = "" + SyncService.DEFAULT_LIMIT) int limit) {
        Instant from = Instant.EPOCH;
        if (since != null && !since.isBlank()) {
            try {
                from = Instant.parse(since);
            } catch (DateTimeParseException e) {
                throw new SyncRejectedException(List.of(new SyncProblem(null, "since", "must be an instant like 2024-06-01T12:30:00Z.")));
            }
            if (!SyncRequestReader.withinYears(from)) {
                throw new SyncRejectedException(List.of(new SyncProblem(null, "since", "must lie between the years "
                        + SyncRequestReader.FIRST_YEAR + " and " + SyncRequestReader.LAST_YEAR + ".")));
            }
        }
        return sync.changes(CurrentUser.require().id(), from, cursor == null || cursor.isBlank() ? null : cursor, limit);
    }

    @Operation(summary = "The sync client's handshake: whose token this is, the analyser version and face detector the server runs, and its upload limits")
    @GetMapping("/info")
    SyncInfo info() {
        LightboxUser user = CurrentUser.require();
        SyncService.Analyser analyser = sync.analyser();
        return new SyncInfo(SyncService.analyzerVersion(), SyncRequestReader.MAX_ITEMS, user.id(), user.email(),
                analyser.maxBytes(), analyser.maxPixels(), analyser.faceDetector());
    }

    @ExceptionHandler(SyncRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(SyncRejectedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage() + " Nothing of it was stored.");
        problem.setProperty("problems", e.problems());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge() {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The body is over " + MAX_BODY_BYTES / (1024 * 1024) + " MB; send fewer items a call."));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage())));
    }

    private static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super(null, null, false, false);
        }
    }
}

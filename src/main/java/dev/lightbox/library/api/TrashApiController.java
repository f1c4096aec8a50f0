package dev.lightbox.library.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.library.service.TrashService;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/trash}: the caller's deleted photos (newest trashed first, each with {@code trashedAt} and
 * {@code expiresAt}), restore one, delete one forever, empty the trash. Another user's photo is not found (404).
 */
@RestController
@RequestMapping("/api/v1/trash")
class TrashApiController {

    private final TrashService trash;

    TrashApiController(TrashService trash) {
        this.trash = trash;
    }

    record PageJson(List<PhotoJson> items, @Nullable String nextCursor) {
    }

    record EmptiedJson(int deleted) {
    }

    @GetMapping
    PageJson list(@RequestParam(required = false) @Nullable String cursor, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > TrashService.MAX_PAGE) {
            throw new IllegalArgumentException("limit: must be between 1 and " + TrashService.MAX_PAGE + ".");
        }
        var page = trash.page(CurrentUser.require().id(), cursor, limit);
        return new PageJson(page.items().stream().map(t -> PhotoJson.trashed(t.photo(), t.expiresAt())).toList(), page.nextCursor());
    }

    @PostMapping("/{photoId}/restore")
    ResponseEntity<?> restore(@PathVariable UUID photoId) {
        return trash.restore(CurrentUser.require().id(), photoId).<ResponseEntity<?>>map(p -> ResponseEntity.ok(PhotoJson.of(p)))
                .orElseGet(() -> notInTrash(photoId));
    }

    @DeleteMapping("/{photoId}")
    ResponseEntity<?> deleteForever(@PathVariable UUID photoId) {
        return trash.deleteForever(CurrentUser.require().id(), photoId) ? ResponseEntity.noContent().build() : notInTrash(photoId);
    }

    @DeleteMapping
    EmptiedJson empty() {
        return new EmptiedJson(trash.empty(CurrentUser.require().id()));
    }

    private static ResponseEntity<?> notInTrash(UUID photoId) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Photo " + photoId + " is not in your trash."));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
}

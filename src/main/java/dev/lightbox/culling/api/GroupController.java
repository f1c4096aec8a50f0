package dev.lightbox.culling.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.culling.domain.GroupKind;
import dev.lightbox.culling.service.GroupService;
import dev.lightbox.culling.service.PhotoGroup;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/groups?kind=burst|similar&cursor=&limit=}: the caller's groups of similar photos, newest first. */
@RestController
@RequestMapping("/api/v1/groups")
class GroupController {

    private final GroupService groups;

    GroupController(GroupService groups) {
        this.groups = groups;
    }

    record PageJson(List<PhotoGroup> items, @Nullable String nextCursor) {
    }

    @GetMapping
    PageJson list(@RequestParam String kind, @RequestParam(required = false) @Nullable String cursor,
                  @RequestParam(defaultValue = "50") int limit) {
        GroupKind parsed = GroupKind.byKey(kind).orElseThrow(() -> new IllegalArgumentException("kind: burst or similar."));
        if (limit < 1 || limit > GroupService.MAX_PAGE) throw new IllegalArgumentException("limit: must be between 1 and " + GroupService.MAX_PAGE + ".");
        var page = groups.page(CurrentUser.require().id(), parsed, cursor, limit);
        return new PageJson(page.items(), page.nextCursor());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage())));
    }
}

package dev.lightbox.vision.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.vision.service.DescribeStarted;
import dev.lightbox.vision.service.VisionService;
import dev.lightbox.vision.service.VisionUnavailableException;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import dev.lightbox.library.service.PhotoWithoutOriginalException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/photos/{id}/describe}: 202 {@code {jobId, cached}} (follow the job at {@code /api/v1/jobs/{jobId}});
 * 402 with {@code balance} and {@code price} when credits do not cover it (nothing queued); 404 for a photo that is
 * not the caller's; 409 when the server has no vision provider.
 */
@RestController
class DescribeController {

    private final VisionService vision;

    DescribeController(VisionService vision) {
        this.vision = vision;
    }

    @PostMapping("/api/v1/photos/{id}/describe")
    ResponseEntity<DescribeStarted> describe(@PathVariable UUID id) {
        return vision.describe(CurrentUser.require().id(), id)
                .map(started -> ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + started.jobId())).body(started))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @ExceptionHandler(VisionUnavailableException.class)
    ResponseEntity<ProblemDetail> notConfigured(VisionUnavailableException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("No vision provider");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(PhotoWithoutOriginalException.class)
    ResponseEntity<ProblemDetail> withoutOriginal(PhotoWithoutOriginalException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, String.valueOf(e.getMessage()));
        problem.setTitle("Synced without its original");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
}

package dev.lightbox.library.api;

import dev.lightbox.library.service.UploadRejectedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refused upload answers the same problem+json wherever the file came in (the photo upload, the skin diary's
 * upload): 400 empty or damaged, 413 too large, 415 not a supported image, with the {@code reason}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadRejections {

    @ExceptionHandler(UploadRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(UploadRejectedException e) {
        HttpStatus status = switch (e.reason()) {
            case EMPTY, CORRUPT -> HttpStatus.BAD_REQUEST;
            case TOO_MANY_BYTES, TOO_MANY_PIXELS -> HttpStatus.CONTENT_TOO_LARGE;
            case NOT_AN_IMAGE, SCRIPT_FORMAT, UNSUPPORTED_FORMAT -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setProperty("reason", e.reason().name());
        return ResponseEntity.status(status).body(problem);
    }
}

package dev.lightbox.library.api;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The original of a photo synced without it (both the /media and the /api/v1 route): 404 problem+json. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SyncedMediaProblems {

    @ExceptionHandler(MediaResponder.SyncedWithoutOriginalException.class)
    ResponseEntity<ProblemDetail> syncedWithoutOriginal(MediaResponder.SyncedWithoutOriginalException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, MediaResponder.SyncedWithoutOriginalException.DETAIL);
        problem.setTitle("Synced without its original");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}

package dev.lightbox.admin.api;

import dev.lightbox.admin.service.AdminRefusedException;
import java.util.NoSuchElementException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The admin REST refusals as problem+json: bad input 400 (the detail names the field), unknown 404, refused 409. */
@RestControllerAdvice(basePackages = "dev.lightbox.admin.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminProblems {

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()));
    }

    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail notFound(NoSuchElementException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage() == null ? "Not found." : e.getMessage());
    }

    @ExceptionHandler(AdminRefusedException.class)
    ProblemDetail refused(AdminRefusedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, String.valueOf(e.getMessage()));
    }
}

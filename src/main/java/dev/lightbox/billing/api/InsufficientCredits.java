package dev.lightbox.billing.api;

import dev.lightbox.billing.service.InsufficientCreditsException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Paid work refused for want of credits answers 402 problem+json with {@code balance} and {@code price}, from any controller. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class InsufficientCredits {

    @ExceptionHandler(InsufficientCreditsException.class)
    ResponseEntity<ProblemDetail> paymentRequired(InsufficientCreditsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYMENT_REQUIRED, e.getMessage());
        problem.setTitle("Not enough credits");
        problem.setProperty("balance", e.balance());
        problem.setProperty("price", e.price());
        return ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).body(problem);
    }
}

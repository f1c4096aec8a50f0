package dev.lightbox.data.deletion.api;

import dev.lightbox.account.service.LoginThrottledException;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.data.deletion.service.AccountDeletionService;
import dev.lightbox.data.deletion.service.DeletionRefusedException;
import dev.lightbox.data.deletion.service.WrongPasswordException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Account deletion: the signed-in user's own ({@code DELETE /api/v1/auth/me} with {@code {password}}) and an admin's
 * ({@code DELETE /api/v1/admin/users/{id}}; the security chain and the service both check the role). 204 when done,
 * 403 for a wrong password, 429 after too many wrong ones (the sign-in throttle), 409 for the last enabled admin (or an admin's own account in the console), 404 for an
 * unknown account.
 */
@RestController
class AccountDeletionController {

    private final AccountDeletionService deletion;

    AccountDeletionController(AccountDeletionService deletion) {
        this.deletion = deletion;
    }

    record Confirmation(@Nullable String password) {
    }

    @DeleteMapping("/api/v1/auth/me")
    ResponseEntity<Void> deleteOwn(@RequestBody(required = false) @Nullable Confirmation body, HttpServletRequest request) {
        deletion.deleteOwn(CurrentUser.require().id(), body == null ? null : body.password(), request.getRemoteAddr(), null);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/v1/admin/users/{id}")
    ResponseEntity<Void> deleteByAdmin(@PathVariable UUID id) {
        deletion.deleteByAdmin(id);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(WrongPasswordException.class)
    ProblemDetail wrongPassword(WrongPasswordException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, String.valueOf(e.getMessage()));
    }

    @ExceptionHandler(LoginThrottledException.class)
    ResponseEntity<ProblemDetail> throttled(LoginThrottledException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", String.valueOf(e.retryAfterSeconds()))
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, String.valueOf(e.getMessage())));
    }

    @ExceptionHandler(DeletionRefusedException.class)
    ProblemDetail refused(DeletionRefusedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, String.valueOf(e.getMessage()));
    }

    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail notFound(NoSuchElementException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such account.");
    }
}

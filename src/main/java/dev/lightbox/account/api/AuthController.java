package dev.lightbox.account.api;

import dev.lightbox.account.service.AccountException;
import dev.lightbox.account.service.AccountService;
import dev.lightbox.account.service.LoginThrottledException;
import dev.lightbox.account.service.ApiTokenService;
import dev.lightbox.base.security.ApiTokenAuthentication;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.base.security.LightboxUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Signup, login (returns an API token), the signed-in user, and logout (revokes the calling token). */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    private final AccountService accounts;
    private final ApiTokenService tokens;

    AuthController(AccountService accounts, ApiTokenService tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    record Credentials(@NotNull(message = "is required") String email, @NotNull(message = "is required") String password) {
    }

    record SignedUp(UUID id, String email) {
    }

    record TokenResponse(String token) {
    }

    record Me(UUID id, String email, List<String> roles) {
    }

    @PostMapping("/signup")
    @ResponseStatus(HttpStatus.CREATED)
    SignedUp signUp(@Valid @RequestBody Credentials body) {
        LightboxUser user = accounts.signUp(body.email(), body.password());
        return new SignedUp(user.id(), user.email());
    }

    @PostMapping("/login")
    TokenResponse login(@Valid @RequestBody Credentials body, HttpServletRequest request) {
        LightboxUser user = accounts.authenticate(body.email(), body.password(), request.getRemoteAddr());
        String name = "API login " + LocalDate.now(ZoneOffset.UTC);
        return new TokenResponse(tokens.create(user.id(), name).secret());
    }

    @GetMapping("/me")
    Me me() {
        LightboxUser user = CurrentUser.require();
        return new Me(user.id(), user.email(), user.roles());
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout(Authentication authentication) {
        if (authentication instanceof ApiTokenAuthentication token) {
            tokens.revoke(token.getPrincipal().id(), token.tokenId());
        }
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(AccountException.class)
    ResponseEntity<ProblemDetail> accountProblem(AccountException e) {
        HttpStatus status = switch (e.reason()) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case EMAIL_TAKEN -> HttpStatus.CONFLICT;
            case SIGNUP_CLOSED -> HttpStatus.FORBIDDEN;
            case BAD_CREDENTIALS -> HttpStatus.UNAUTHORIZED;
            case THROTTLED -> HttpStatus.TOO_MANY_REQUESTS;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
        var response = ResponseEntity.status(status);
        if (e instanceof LoginThrottledException throttled) response.header("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
        return response.body(ProblemDetail.forStatusAndDetail(status, e.getMessage()));
    }
}

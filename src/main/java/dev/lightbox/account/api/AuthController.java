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
import dev.lightbox.account.service.ApiTokenService.CreatedToken;
import dev.lightbox.account.service.ApiTokenService.TokenSummary;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signup, login (returns a login token, which expires after going unused for {@code LIGHTBOX_LOGIN_TOKEN_TTL}),
 * the signed-in user, logout (revokes the calling token), the user's tokens and a password change.
 */
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
        return new TokenResponse(tokens.createLoginToken(user.id()).secret());
    }

    /** {@code expiresAt}: optional; the token stops working then. */
    record NewToken(@Nullable String name, @Nullable Instant expiresAt) {
    }

    record TokenJson(UUID id, String name, String prefix, String kind, Instant createdAt, @Nullable Instant lastUsedAt,
                     @Nullable Instant expiresAt) {
        static TokenJson of(TokenSummary token) {
            return new TokenJson(token.id(), token.name(), token.prefix(), token.kind().name(), token.createdAt(), token.lastUsedAt(),
                    token.expiresAt());
        }
    }

    record CreatedTokenJson(TokenJson token, String secret) {
    }

    /** Named tokens (made on purpose) apart from login tokens (one per API login, expiring when unused). */
    record TokenList(List<TokenJson> named, List<TokenJson> logins) {
    }

    record PasswordChange(@Nullable String currentPassword, @Nullable String newPassword) {
    }

    @GetMapping("/tokens")
    TokenList tokens() {
        List<TokenSummary> active = tokens.listActive(CurrentUser.require().id());
        return new TokenList(active.stream().filter(token -> !token.isLogin()).map(TokenJson::of).toList(),
                active.stream().filter(TokenSummary::isLogin).map(TokenJson::of).toList());
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedTokenJson createToken(@RequestBody NewToken body) {
        CreatedToken created = tokens.create(CurrentUser.require().id(), body.name(), body.expiresAt());
        return new CreatedTokenJson(TokenJson.of(created.token()), created.secret());
    }

    @DeleteMapping("/tokens/{id}")
    ResponseEntity<Void> revokeToken(@PathVariable UUID id) {
        tokens.revoke(CurrentUser.require().id(), id);
        return ResponseEntity.noContent().build();
    }

    /** Revokes the user's other login tokens and ends their browser sessions; the calling token keeps working. */
    @PostMapping("/password")
    ResponseEntity<Void> changePassword(@RequestBody PasswordChange body, Authentication authentication) {
        UUID keep = authentication instanceof ApiTokenAuthentication token ? token.tokenId() : null;
        accounts.changePassword(CurrentUser.require().id(), body.currentPassword(), body.newPassword(), keep, null);
        return ResponseEntity.noContent().build();
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
            case DISABLED -> HttpStatus.FORBIDDEN;
        };
        var response = ResponseEntity.status(status);
        if (e instanceof LoginThrottledException throttled) response.header("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
        return response.body(ProblemDetail.forStatusAndDetail(status, e.getMessage()));
    }
}

package dev.lightbox.telegram.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.telegram.service.BotApi;
import dev.lightbox.telegram.service.TelegramLinkService;
import dev.lightbox.telegram.service.TelegramLinkService.BotNotConfiguredException;
import dev.lightbox.telegram.service.TelegramLinkService.LinkOffer;
import dev.lightbox.telegram.service.TelegramLinkService.LinkStatus;
import dev.lightbox.telegram.service.TelegramWebhookService;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/telegram}: make a one-time link for the bot, see whether a chat is linked, unlink; and the
 * webhook Telegram posts updates to (no login: the secret header is its credential).
 */
@RestController
@RequestMapping("/api/v1/telegram")
class TelegramController {

    private final TelegramLinkService links;
    private final TelegramWebhookService webhook;

    TelegramController(TelegramLinkService links, TelegramWebhookService webhook) {
        this.links = links;
        this.webhook = webhook;
    }

    @PostMapping("/link")
    ResponseEntity<LinkOffer> link() {
        return ResponseEntity.status(HttpStatus.CREATED).body(links.createLink(CurrentUser.require().id()));
    }

    @GetMapping
    LinkStatus status() {
        return links.status(CurrentUser.require().id());
    }

    @DeleteMapping
    ResponseEntity<Void> unlink() {
        links.unlink(CurrentUser.require().id());
        return ResponseEntity.noContent().build();
    }

    /** The secret header is checked before the body is read; a body over {@link TelegramWebhookService#MAX_UPDATE_BYTES} is refused. */
    @PostMapping("/webhook")
    ResponseEntity<?> webhook(@RequestHeader(name = TelegramWebhookService.SECRET_HEADER, required = false) @Nullable String secret,
                              HttpServletRequest request) throws IOException {
        var verdict = webhook.check(secret);
        if (verdict == TelegramWebhookService.Verdict.ACCEPTED) {
            byte[] body;
            try (InputStream in = request.getInputStream()) {
                body = in.readNBytes(TelegramWebhookService.MAX_UPDATE_BYTES + 1);
            }
            if (body.length > TelegramWebhookService.MAX_UPDATE_BYTES) {
                return problem(HttpStatus.CONTENT_TOO_LARGE, "A Telegram update is never this large.");
            }
            verdict = webhook.receive(secret, body);
        }
        return switch (verdict) {
            case ACCEPTED -> ResponseEntity.ok(Map.of());
            case NO_WEBHOOK -> problem(HttpStatus.NOT_FOUND, "This Lightbox takes no Telegram webhook calls.");
            case MISSING_SECRET -> problem(HttpStatus.UNAUTHORIZED, "The " + TelegramWebhookService.SECRET_HEADER + " header is missing.");
            case WRONG_SECRET -> problem(HttpStatus.FORBIDDEN, "The " + TelegramWebhookService.SECRET_HEADER + " header does not match.");
            case NOT_AN_UPDATE -> problem(HttpStatus.BAD_REQUEST, "The body is not a Telegram update.");
        };
    }

    @ExceptionHandler(BotNotConfiguredException.class)
    ResponseEntity<ProblemDetail> noBot(BotNotConfiguredException e) {
        return problem(HttpStatus.NOT_FOUND, String.valueOf(e.getMessage()));
    }

    @ExceptionHandler(BotApi.BotApiException.class)
    ResponseEntity<ProblemDetail> telegramDown(BotApi.BotApiException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "Telegram could not be reached; try again in a little while."));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}

package dev.lightbox.billing.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.billing.service.BillingService;
import dev.lightbox.billing.service.CheckoutStarted;
import dev.lightbox.billing.service.CreditPack;
import dev.lightbox.billing.service.StripeUnavailableException;
import dev.lightbox.billing.service.StripeWebhookService;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /api/v1/billing}: the credit packs on sale, starting a Stripe Checkout for one, and the webhook Stripe posts
 * its events to (no login: the {@code Stripe-Signature} header is its credential). Buying while no Stripe key is set
 * answers 409: the request is fine, this Lightbox is not set up to take it (503 would tell clients to retry).
 */
@RestController
@RequestMapping("/api/v1/billing")
class BillingController {

    private final BillingService billing;
    private final StripeWebhookService webhook;

    BillingController(BillingService billing, StripeWebhookService webhook) {
        this.billing = billing;
        this.webhook = webhook;
    }

    @GetMapping("/plans")
    List<CreditPack> plans() {
        return billing.packs();
    }

    record CheckoutRequest(@Nullable String pack) {
    }

    @PostMapping("/checkout")
    ResponseEntity<?> checkout(@RequestBody CheckoutRequest request) {
        var user = CurrentUser.require();
        if (!billing.buyingEnabled()) {
            return problem(HttpStatus.CONFLICT, "Buying credits is not set up on this Lightbox (no Stripe key). Ask your admin for credits.");
        }
        String pack = request.pack();
        if (pack == null || billing.pack(pack).isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, "pack: name one of the plans' ids from GET /api/v1/billing/plans.");
        }
        var returnBase = ServletUriComponentsBuilder.fromCurrentContextPath().replaceQuery(null).build().toUri();
        CheckoutStarted started = billing.checkout(user.id(), pack, returnBase);
        return ResponseEntity.status(HttpStatus.CREATED).body(started);
    }

    /** The body is read only up to {@link StripeWebhookService#MAX_EVENT_BYTES}; the signature is checked over its exact bytes. */
    @PostMapping("/webhook")
    ResponseEntity<?> webhook(@RequestHeader(name = StripeWebhookService.SIGNATURE_HEADER, required = false) @Nullable String signature,
                              HttpServletRequest request) throws IOException {
        if (!webhook.enabled()) return problem(HttpStatus.NOT_FOUND, "This Lightbox takes no Stripe webhook calls (no webhook secret is set).");
        if (signature == null || signature.isBlank()) {
            return problem(HttpStatus.BAD_REQUEST, "The " + StripeWebhookService.SIGNATURE_HEADER + " header is missing.");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(StripeWebhookService.MAX_EVENT_BYTES + 1);
        }
        if (body.length > StripeWebhookService.MAX_EVENT_BYTES) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "A Stripe event is never this large.");
        }
        return switch (webhook.receive(new String(body, StandardCharsets.UTF_8), signature)) {
            case CREDITED, ALREADY_HANDLED, AWAITING_PAYMENT, EXPIRED, UNKNOWN_SESSION, IGNORED -> ResponseEntity.ok(new Received(true));
            case NO_WEBHOOK -> problem(HttpStatus.NOT_FOUND, "This Lightbox takes no Stripe webhook calls (no webhook secret is set).");
            case MISSING_SIGNATURE -> problem(HttpStatus.BAD_REQUEST, "The " + StripeWebhookService.SIGNATURE_HEADER + " header is missing.");
            case BAD_SIGNATURE -> problem(HttpStatus.BAD_REQUEST,
                    "The " + StripeWebhookService.SIGNATURE_HEADER + " header does not sign this body with the endpoint's secret, or is too old.");
            case NOT_AN_EVENT -> problem(HttpStatus.BAD_REQUEST, "The body is not a Stripe Checkout Session event.");
        };
    }

    /** What Stripe's examples answer: it only looks at the status. */
    record Received(boolean received) {
    }

    @ExceptionHandler(StripeUnavailableException.class)
    ResponseEntity<ProblemDetail> stripeDown(StripeUnavailableException e) {
        return problem(HttpStatus.BAD_GATEWAY, String.valueOf(e.getMessage()));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}

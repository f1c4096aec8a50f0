package dev.lightbox.billing.service;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.lightbox.billing.StripeProperties;
import dev.lightbox.billing.domain.StripeCheckout;
import dev.lightbox.billing.domain.StripeCheckoutRepository;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's webhook calls: the {@code Stripe-Signature} header is verified (HMAC-SHA256 with the endpoint's signing
 * secret, timestamp at most 300 s old) before the body is read as an event. A paid Checkout Session is credited once:
 * the event id is recorded, the session row locked and marked paid, and the purchase entered, all in one transaction,
 * so a replay, Stripe's retry or a second event for the same session grants nothing more.
 * <p>
 * The session's fields are read from the event's raw JSON ({@code id}, {@code object}, {@code payment_status}), not
 * through {@code EventDataObjectDeserializer.getObject()}: that is empty for every event whose API version is not the
 * library's pinned {@code 2026-05-27.dahlia} (a webhook endpoint created on an older version), and such an event
 * must not take money without crediting it. These three fields read the same in every API version.
 */
@Service
public class StripeWebhookService {

    /** Stripe's events are a few KiB; a body beyond this is refused unread. */
    public static final int MAX_EVENT_BYTES = 256 * 1024;
    public static final String SIGNATURE_HEADER = "Stripe-Signature";

    static final String COMPLETED = "checkout.session.completed";
    static final String ASYNC_SUCCEEDED = "checkout.session.async_payment_succeeded";
    static final String EXPIRED = "checkout.session.expired";

    private static final Logger log = LoggerFactory.getLogger(StripeWebhookService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_ID_LENGTH = 255;

    /** What became of one webhook call. */
    public enum Outcome {
        /** The pack's credits were entered. */
        CREDITED,
        /** This event was handled before, or the session was credited already. */
        ALREADY_HANDLED,
        /** Completed, but the money has not arrived yet (a delayed payment method): async_payment_succeeded credits it. */
        AWAITING_PAYMENT,
        EXPIRED,
        /** A session this Lightbox did not create: nothing to credit. */
        UNKNOWN_SESSION,
        /** An event type Lightbox does not act on. */
        IGNORED,
        /** No webhook secret is set. */
        NO_WEBHOOK,
        MISSING_SIGNATURE,
        BAD_SIGNATURE,
        /** Signed, but not a Checkout Session event of the expected shape. */
        NOT_AN_EVENT
    }

    private final StripeProperties settings;
    private final StripeCheckoutRepository checkouts;
    private final CreditService credits;
    private final TransactionTemplate transactions;
    private final Clock clock;

    StripeWebhookService(StripeProperties settings, StripeCheckoutRepository checkouts, CreditService credits,
                         TransactionTemplate transactions, Clock clock) {
        this.settings = settings;
        this.checkouts = checkouts;
        this.credits = credits;
        this.transactions = transactions;
        this.clock = clock;
    }

    public boolean enabled() {
        return settings.webhookSecret() != null;
    }

    public Outcome receive(String payload, @Nullable String signature) {
        String secret = settings.webhookSecret();
        if (secret == null) return Outcome.NO_WEBHOOK;
        if (signature == null || signature.isBlank()) return Outcome.MISSING_SIGNATURE;
        Event event;
        try {
            // the signature first: an unsigned body is never parsed (constructEvent parses before it verifies)
            Webhook.Signature.verifyHeader(payload, signature, secret, Webhook.DEFAULT_TOLERANCE);
            event = Webhook.constructEvent(payload, signature, secret);
        } catch (SignatureVerificationException e) {
            log.info("Refused a Stripe webhook call: {}", e.getMessage()); // Stripe's own wording, never the header or the body
            return Outcome.BAD_SIGNATURE;
        } catch (RuntimeException e) { // a header that is no t=…,v1=… list, or a signed body that is no v1 event
            log.info("Refused a Stripe webhook call: {}", e.getClass().getSimpleName());
            return e instanceof NumberFormatException || e instanceof ArrayIndexOutOfBoundsException ? Outcome.BAD_SIGNATURE : Outcome.NOT_AN_EVENT;
        }
        String eventId = event.getId();
        String type = event.getType();
        if (eventId == null || !isId(eventId) || type == null || type.length() > MAX_ID_LENGTH) return Outcome.NOT_AN_EVENT;
        if (!type.equals(COMPLETED) && !type.equals(ASYNC_SUCCEEDED) && !type.equals(EXPIRED)) return Outcome.IGNORED;
        Optional<SessionFields> session = sessionFields(event);
        if (session.isEmpty()) {
            log.warn("Stripe event {} ({}) carries no Checkout Session object; nothing done", eventId, type);
            return Outcome.NOT_AN_EVENT;
        }
        Outcome outcome = transactions.execute(tx -> apply(eventId, type, session.get()));
        if (outcome == null) throw new IllegalStateException("the webhook transaction answered nothing");
        return outcome;
    }

    private Outcome apply(String eventId, String type, SessionFields session) {
        if (!checkouts.recordEvent(eventId, type, session.id(), clock.instant())) return Outcome.ALREADY_HANDLED;
        Optional<StripeCheckout> found = checkouts.lock(session.id());
        if (found.isEmpty()) {
            log.warn("Stripe event {} ({}) is about Checkout Session {}, which this Lightbox did not create; nothing credited",
                    eventId, type, session.id());
            return Outcome.UNKNOWN_SESSION;
        }
        StripeCheckout checkout = found.get();
        if (type.equals(EXPIRED)) {
            return checkouts.markExpired(checkout.sessionId()) ? Outcome.EXPIRED : Outcome.ALREADY_HANDLED;
        }
        if (type.equals(COMPLETED) && !"paid".equals(session.paymentStatus())) {
            log.info("Checkout Session {} completed with payment status {}; credited when the payment succeeds", checkout.sessionId(),
                    session.paymentStatus());
            return Outcome.AWAITING_PAYMENT;
        }
        if (!checkouts.markPaid(checkout.sessionId(), clock.instant())) return Outcome.ALREADY_HANDLED;
        var entry = credits.purchase(checkout.userId(), checkout.credits(), checkout.sessionId(), "Bought " + checkout.credits() + " credits");
        if (entry.isEmpty()) return Outcome.ALREADY_HANDLED;
        log.info("Credited {} credits to user {} for Checkout Session {} (event {})", checkout.credits(), checkout.userId(),
                checkout.sessionId(), eventId);
        return Outcome.CREDITED;
    }

    private record SessionFields(String id, @Nullable String paymentStatus) {
    }

    private static Optional<SessionFields> sessionFields(Event event) {
        JsonNode object;
        try {
            object = JSON.readTree(event.getDataObjectDeserializer().getRawJson());
        } catch (RuntimeException e) { // no data.object at all
            return Optional.empty();
        }
        if (!object.path("object").stringValueOpt().orElse("").equals("checkout.session")) return Optional.empty();
        String id = object.path("id").stringValueOpt().orElse(null);
        if (id == null || !isId(id)) return Optional.empty();
        return Optional.of(new SessionFields(id, object.path("payment_status").stringValueOpt().orElse(null)));
    }

    private static boolean isId(String id) {
        return !id.isBlank() && id.length() <= MAX_ID_LENGTH;
    }
}

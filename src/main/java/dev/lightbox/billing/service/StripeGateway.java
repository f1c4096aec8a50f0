package dev.lightbox.billing.service;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import dev.lightbox.billing.StripeProperties;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The Stripe API calls Lightbox makes (creating a Checkout Session), through stripe-java's client at {@code LIGHTBOX_STRIPE_API_BASE}. */
@Component
class StripeGateway {

    private static final Logger log = LoggerFactory.getLogger(StripeGateway.class);

    record CreatedSession(String id, String url) {
    }

    private final @Nullable StripeClient client;

    StripeGateway(StripeProperties settings) {
        String secretKey = settings.secretKey();
        this.client = secretKey == null ? null : StripeClient.builder()
                .setApiKey(secretKey)
                .setApiBase(settings.apiBaseUrl())
                .setConnectTimeout(10_000)
                .setReadTimeout(30_000)
                // stripe-java sends an Idempotency-Key with a retried POST, so a retry cannot create a second session
                .setMaxNetworkRetries(1)
                .build();
    }

    /** One line item with inline price data, quantity 1; the user and pack ride along as client_reference_id and metadata. */
    CreatedSession createCheckoutSession(CreditPack pack, UUID userId, String successUrl, String cancelUrl) {
        if (client == null) throw new IllegalStateException("no Stripe secret key is set");
        var params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setSuccessUrl(successUrl)
                .setCancelUrl(cancelUrl)
                .setClientReferenceId(userId.toString())
                .putMetadata("userId", userId.toString())
                .putMetadata("pack", pack.id())
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(pack.currency())
                                .setUnitAmount(pack.amount())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(pack.credits() + " Lightbox credits")
                                        .build())
                                .build())
                        .build())
                .build();
        Session session;
        try {
            session = client.v1().checkout().sessions().create(params);
        } catch (StripeException e) {
            // class, status, code and request id only: Stripe's messages may quote what was sent
            log.warn("Stripe refused or failed to create a Checkout Session: {} status={} code={} request={}", e.getClass().getSimpleName(),
                    e.getStatusCode(), e.getCode(), e.getRequestId());
            throw new StripeUnavailableException(e);
        } catch (RuntimeException e) { // an answer that is no session object (a proxy's HTML page, say)
            log.warn("Stripe's answer to creating a Checkout Session could not be read: {}", e.getClass().getSimpleName());
            throw new StripeUnavailableException(e);
        }
        String id = session.getId();
        String url = session.getUrl();
        if (id == null || id.isBlank() || url == null || !url.startsWith("https://") && !url.startsWith("http://")) {
            log.warn("Stripe answered a Checkout Session without an id or a payment page URL");
            throw new StripeUnavailableException(new IllegalStateException("session without id or url"));
        }
        return new CreatedSession(id, url);
    }
}

package dev.lightbox.billing.service;

import dev.lightbox.billing.BillingProperties;
import dev.lightbox.billing.StripeProperties;
import dev.lightbox.billing.domain.StripeCheckout;
import dev.lightbox.billing.domain.StripeCheckoutRepository;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Credit packs on sale and buying one through Stripe Checkout. The session is created on Stripe first (outside any
 * transaction) and recorded with its buyer and pack only once Stripe has answered; the webhook credits from this
 * record, never from what the event says.
 */
@Service
public class BillingService {

    private final StripeProperties stripe;
    private final List<CreditPack> packs;
    private final String currency;
    private final String publicUrl;
    private final StripeGateway gateway;
    private final StripeCheckoutRepository checkouts;
    private final Clock clock;

    BillingService(StripeProperties stripe, BillingProperties billing, @Value("${lightbox.public-url:}") String publicUrl,
                   StripeGateway gateway, StripeCheckoutRepository checkouts, Clock clock) {
        this.stripe = stripe;
        this.packs = billing.creditPacks();
        this.currency = billing.currency();
        this.publicUrl = withoutTrailingSlash(publicUrl.strip());
        this.gateway = gateway;
        this.checkouts = checkouts;
        this.clock = clock;
    }

    /** A secret key is set. */
    public boolean buyingEnabled() {
        return stripe.buyingEnabled();
    }

    public List<CreditPack> packs() {
        return packs;
    }

    public String currency() {
        return currency;
    }

    public Optional<CreditPack> pack(String packId) {
        return packs.stream().filter(pack -> pack.id().equals(packId)).findFirst();
    }

    /**
     * Creates a Checkout Session (mode payment) for the pack on Stripe and records it with user and pack. Success and
     * cancel URLs are {@code {base}/billing?checkout=success|cancelled} where base is {@code LIGHTBOX_PUBLIC_URL} when set,
     * else {@code returnBase} (the caller's base URL, from its request).
     *
     * @throws IllegalStateException when buying is off
     * @throws IllegalArgumentException for an unknown pack
     * @throws StripeUnavailableException when Stripe is unreachable or refuses; nothing is recorded then
     */
    public CheckoutStarted checkout(UUID userId, String packId, URI returnBase) {
        if (!buyingEnabled()) {
            throw new IllegalStateException("Buying credits is not set up on this Lightbox (no Stripe key). Ask your admin for credits.");
        }
        CreditPack pack = pack(packId).orElseThrow(() ->
                new IllegalArgumentException("There is no such credit pack; GET /api/v1/billing/plans lists the packs on sale."));
        String base = publicUrl.isEmpty() ? withoutTrailingSlash(returnBase.toString()) : publicUrl;
        var session = gateway.createCheckoutSession(pack, userId, base + "/billing?checkout=success", base + "/billing?checkout=cancelled");
        checkouts.insert(new StripeCheckout(session.id(), userId, pack.id(), pack.credits(), pack.amount(), pack.currency(),
                StripeCheckout.Status.OPEN, clock.instant(), null));
        return new CheckoutStarted(session.id(), session.url());
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

package dev.lightbox.billing;

import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code LIGHTBOX_STRIPE_*}: the secret API key (unset: buying is off), the webhook signing secret, and the API base URL
 * (Stripe's by default; tests point it at a loopback stub). A key without a webhook secret stops startup: payments
 * would be taken and never credited. A webhook secret alone is fine: sessions started before buying was turned off
 * are still credited.
 */
@ConfigurationProperties("lightbox.stripe")
public record StripeProperties(@Nullable String secretKey, @Nullable String webhookSecret, URI apiBase) {

    @SuppressWarnings("NullAway") // Spring binds an absent setting as null; the defaults are filled in here
    public StripeProperties {
        if (secretKey != null && secretKey.isBlank()) secretKey = null;
        if (webhookSecret != null && webhookSecret.isBlank()) webhookSecret = null;
        if (apiBase == null) apiBase = URI.create("https://api.stripe.com");
        check(secretKey, webhookSecret, apiBase);
    }

    private static void check(@Nullable String secretKey, @Nullable String webhookSecret, URI apiBase) {
        if (secretKey != null && !(secretKey.startsWith("sk_") || secretKey.startsWith("rk_"))) {
            throw new IllegalArgumentException("LIGHTBOX_STRIPE_SECRET_KEY must be a Stripe secret key (sk_…) or restricted key (rk_…); "
                    + "a publishable key (pk_…) cannot create Checkout Sessions");
        }
        if (secretKey != null && webhookSecret == null) {
            throw new IllegalArgumentException("LIGHTBOX_STRIPE_SECRET_KEY is set without LIGHTBOX_STRIPE_WEBHOOK_SECRET, so payments would "
                    + "be taken and never credited: set the endpoint's signing secret (whsec_…) too");
        }
        String scheme = apiBase.getScheme() == null ? "" : apiBase.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || apiBase.getHost() == null) {
            throw new IllegalArgumentException("LIGHTBOX_STRIPE_API_BASE must be an http(s)://host[:port] URL, not " + apiBase);
        }
    }

    /** Buying is on when a secret key is set. */
    public boolean buyingEnabled() {
        return secretKey != null;
    }

    /** The base URL without a trailing slash. */
    public String apiBaseUrl() {
        String base = apiBase.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public String toString() {
        return "StripeProperties[secretKey=" + (secretKey == null ? "unset" : "(set)") + ", webhookSecret="
                + (webhookSecret == null ? "unset" : "(set)") + ", apiBase=" + apiBase + "]";
    }
}

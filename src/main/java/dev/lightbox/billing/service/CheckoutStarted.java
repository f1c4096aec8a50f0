package dev.lightbox.billing.service;

/** A Stripe Checkout Session created for a pack: send the buyer to {@code url}. */
public record CheckoutStarted(String sessionId, String url) {
}

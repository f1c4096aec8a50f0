package dev.lightbox.billing.domain;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A Checkout Session this Lightbox created: who buys which pack, for how much; {@code completedAt} is set once paid. */
public record StripeCheckout(String sessionId, UUID userId, String packId, long credits, long amount, String currency, Status status,
                             Instant createdAt, @Nullable Instant completedAt) {

    public enum Status { OPEN, PAID, EXPIRED }
}

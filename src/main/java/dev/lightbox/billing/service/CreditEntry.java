package dev.lightbox.billing.service;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One ledger entry: {@code amount} is negative for usage, positive for grants, purchases and refunds (an
 * adjustment may be either); {@code balanceAfter} is the balance right after it. {@code reference} names
 * what it is about (a job id, a Checkout Session id), null for a plain grant.
 */
public record CreditEntry(long id, CreditKind kind, long amount, long balanceAfter, String reason, @Nullable String reference,
                          Instant createdAt) {
}

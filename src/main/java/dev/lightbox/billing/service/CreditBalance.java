package dev.lightbox.billing.service;

/**
 * A user's credits: {@code balance} is what is left to spend (the sum of every ledger entry); {@code reserved}
 * is the part of the usage already taken from it for work still running, refunded if that work fails.
 */
public record CreditBalance(long balance, long reserved) {

    public static final CreditBalance EMPTY = new CreditBalance(0, 0);
}

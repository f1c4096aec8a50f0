package dev.lightbox.billing.service;

import java.util.Locale;

/** What a ledger entry records; {@link #json()} is its name in the API ({@code grant}, {@code usage}, …). */
public enum CreditKind {
    GRANT, PURCHASE, USAGE, REFUND, ADJUSTMENT;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.lightbox.billing.service;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A page of ledger entries, newest first; {@code nextCursor} is null on the last page. */
public record CreditPage(List<CreditEntry> items, @Nullable String nextCursor) {
}

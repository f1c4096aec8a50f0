package dev.lightbox.admin.service;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Newest first; {@code nextCursor} fetches the older ones, null on the last page. */
public record AuditPage(List<AuditEntry> items, @Nullable String nextCursor) {
}

package dev.lightbox.admin.service;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Oldest account first; {@code nextCursor} fetches the following page, null on the last one. */
public record UserPage(List<AdminUser> items, @Nullable String nextCursor) {
}

package dev.lightbox.admin.service;

import org.jspecify.annotations.Nullable;

/** What to change; a null field stays as it is. {@code reason} goes with disabling: the user sees it when signing in. */
public record UserUpdate(@Nullable Boolean disabled, @Nullable Boolean admin, @Nullable String reason) {
}

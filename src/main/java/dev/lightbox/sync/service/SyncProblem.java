package dev.lightbox.sync.service;

import org.jspecify.annotations.Nullable;

/**
 * One problem of a sync call: the item's position ({@code null} for the call as a whole), the field's path in it
 * ({@code attributes.sharpness}, {@code metadata.width}; {@code null} when the item itself is wrong) and a sentence.
 */
public record SyncProblem(@Nullable Integer index, @Nullable String field, String problem) {
}

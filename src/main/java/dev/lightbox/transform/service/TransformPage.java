package dev.lightbox.transform.service;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of the owner's transforms, newest first; {@code nextCursor} null on the last page. */
public record TransformPage(List<TransformView> items, @Nullable String nextCursor) {
}

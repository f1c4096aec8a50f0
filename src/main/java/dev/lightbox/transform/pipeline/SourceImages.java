package dev.lightbox.transform.pipeline;

import org.jspecify.annotations.Nullable;

/**
 * The encoded bytes the pipeline works on: the photo's original (bounded by the upload limits when it was
 * stored) and, when the style names one, the reference photo's original.
 */
public record SourceImages(byte[] original, byte @Nullable [] reference) {}

package dev.lightbox.transform.pipeline;

/**
 * How strictly a style's result is validated: {@code facesKept} is the share of the faces found in the
 * original that must be found again in the result (1 = every one, 0 = not checked), {@code minEdgeSimilarity}
 * the least structural similarity of the two edge maps (see {@link ResultValidator}).
 */
record ValidationBounds(double facesKept, double minEdgeSimilarity) {}

package dev.lightbox.skin.service;

/**
 * Figures behind the metrics, for the whole skin mask: {@code rednessShare} share of skin whose a* is above
 * the redness threshold, {@code blemishArea} total blemish area relative to the face width squared,
 * {@code faceWidth} the face's width in original pixels, {@code exposureGain} and the white-balance gains the
 * lighting normalisation applied.
 */
public record SkinDetails(double rednessShare, double blemishArea, int faceWidth, double exposureGain,
                          double gainBlue, double gainGreen, double gainRed) {
}

package dev.lightbox.skin.service;

import java.util.Arrays;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Makes photos taken on different days comparable before anything is measured, in two steps:
 * <ol>
 *   <li>White balance (grey world, outside the face): the mean of each channel over the photo outside the
 *   subject's enlarged box, without clipped or black pixels, is taken to be grey; each channel gets the gain
 *   that makes it so (clamped to 0.5..2). A warm or cool cast over the whole photo cancels out, a local
 *   reddening of the skin does not.</li>
 *   <li>Exposure: one gain for all channels that brings the median L* of the skin to {@link #TARGET_L}.
 *   A brighter or darker exposure cancels out.</li>
 * </ol>
 * With too little outside the face to judge (a tight crop), no white balance is applied.
 */
final class LightingNormaliser {

    static final double TARGET_L = 60;
    static final double MIN_GAIN = 0.5;
    static final double MAX_GAIN = 2;
    static final double MIN_EXPOSURE = 0.25;
    static final double MAX_EXPOSURE = 4;
    /** The subject's box enlarged this much (about its centre) is left out of the white balance: hair, neck and face. */
    static final double FACE_EXCLUSION = 1.4;
    private static final int SAMPLES = 100_000;

    record Gains(double blue, double green, double red) {
        static final Gains NONE = new Gains(1, 1, 1);
    }

    private LightingNormaliser() {
    }

    /** Grey-world gains from the photo outside the subject, sampled on a grid of about {@value #SAMPLES} pixels. */
    static Gains whiteBalance(Mat bgr, FaceBox face) {
        int rows = bgr.rows();
        int cols = bgr.cols();
        int stride = Math.max(1, (int) Math.sqrt((double) rows * cols / SAMPLES));
        double cx = face.x() + face.w() / 2;
        double cy = face.y() + face.h() / 2;
        double halfW = face.w() * FACE_EXCLUSION / 2;
        double halfH = face.h() * FACE_EXCLUSION / 2;
        double sumB = 0, sumG = 0, sumR = 0;
        long used = 0, seen = 0;
        try (UByteIndexer pixels = bgr.createIndexer()) {
            for (int y = stride / 2; y < rows; y += stride) {
                boolean rowInFace = Math.abs(y - cy) <= halfH;
                for (int x = stride / 2; x < cols; x += stride) {
                    seen++;
                    if (rowInFace && Math.abs(x - cx) <= halfW) continue;
                    int b = pixels.get(y, x, 0);
                    int g = pixels.get(y, x, 1);
                    int r = pixels.get(y, x, 2);
                    int max = Math.max(b, Math.max(g, r));
                    if (max >= 250 || max <= 10) continue;
                    sumB += b;
                    sumG += g;
                    sumR += r;
                    used++;
                }
            }
        }
        if (used < Math.max(50, seen / 20)) return Gains.NONE;
        double grey = (sumB + sumG + sumR) / 3;
        return new Gains(gain(grey / sumB), gain(grey / sumG), gain(grey / sumR));
    }

    private static double gain(double g) {
        return Double.isFinite(g) ? Math.clamp(g, MIN_GAIN, MAX_GAIN) : 1;
    }

    /**
     * The exposure gain (applied to white-balanced sRGB values) that brings the skin's median L* to
     * {@link #TARGET_L}; the planes are the face crop's channels in 0..1, {@code skin} its mask (non-zero = skin).
     */
    static double exposure(float[] blue, float[] green, float[] red, byte[] skin, Gains gains) {
        int count = 0;
        for (byte s : skin) if (s != 0) count++;
        if (count == 0) return 1;
        double[] luminance = new double[count];
        int i = 0;
        for (int p = 0; p < skin.length; p++) {
            if (skin[p] == 0) continue;
            luminance[i++] = luminance(blue[p] * gains.blue(), green[p] * gains.green(), red[p] * gains.red());
        }
        Arrays.sort(luminance);
        double median = 116 * Math.cbrt(luminance[count / 2]) - 16;
        if (median <= 0) return MAX_EXPOSURE;
        // L* + 16 grows with the cube root of luminance, luminance with the sRGB value to the power 2.2
        return Math.clamp(Math.pow((TARGET_L + 16) / (median + 16), 3 / 2.2), MIN_EXPOSURE, MAX_EXPOSURE);
    }

    /** Relative luminance Y of sRGB values in 0..1 (gamma 2.2 approximation). */
    private static double luminance(double b, double g, double r) {
        return 0.2126 * Math.pow(Math.min(1, r), 2.2) + 0.7152 * Math.pow(Math.min(1, g), 2.2) + 0.0722 * Math.pow(Math.min(1, b), 2.2);
    }
}

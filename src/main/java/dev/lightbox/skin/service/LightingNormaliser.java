package dev.lightbox.skin.service;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;

import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Makes photos taken on different days comparable before anything is measured. Light adds up linearly, so
 * both steps work on linear-light values (the sRGB curve undone):
 * <ol>
 *   <li>White balance (grey world, outside the face): the mean of each channel over the photo outside the
 *   subject's enlarged box is taken to be grey; each channel gets the gain that makes it so (clamped to
 *   0.5..2). A warm or cool cast over the whole photo cancels out, a local reddening of the skin does not.
 *   Clipped pixels are kept: leaving them out would make the estimate jump when a cast pushes a few over.</li>
 *   <li>Exposure: one gain for all channels that brings the median L* of the skin to {@link #TARGET_L}.
 *   A brighter or darker exposure cancels out.</li>
 * </ol>
 * With too little outside the face to judge (a tight crop), no white balance is applied.
 */
final class LightingNormaliser {

    static final double TARGET_L = 60;
    static final double MIN_GAIN = 0.5;
    static final double MAX_GAIN = 2;
    static final double MIN_EXPOSURE = 0.1;
    static final double MAX_EXPOSURE = 10;
    /** The subject's box enlarged this much (about its centre) is left out of the white balance: hair, neck and face. */
    static final double FACE_EXCLUSION = 1.4;
    private static final int SAMPLES = 100_000;
    /** sRGB 8-bit value → linear light 0..1. */
    private static final double[] LINEAR = new double[256];

    static {
        for (int v = 0; v < 256; v++) LINEAR[v] = linear(v / 255.0);
    }

    /**
     * All channels at this or above: clipped to white in the photo, the pixel has no colour left. (Only
     * all three: leaving out pixels with one clipped channel would make the measured set jump with a cast.)
     */
    static final int CLIPPED = 250;

    record Gains(double blue, double green, double red) {
        static final Gains NONE = new Gains(1, 1, 1);
    }

    /**
     * The face crop in linear light, one plane per channel, with each pixel's saturation (1 − min/max, the
     * camera's colours) and whether it was clipped to white.
     */
    record LinearCrop(float[] blue, float[] green, float[] red, float[] saturation, byte[] clipped) {

        /** {@code crop}: 8-bit BGR; black pixels (outside the photo, for a face at its edge) are taken out of {@code skin}. */
        static LinearCrop of(Mat crop, byte[] skin) {
            int n = crop.cols() * crop.rows();
            byte[] pixels = new byte[n * 3];
            new BytePointer(crop.data()).get(pixels);
            var linear = new LinearCrop(new float[n], new float[n], new float[n], new float[n], new byte[n]);
            for (int i = 0; i < n; i++) {
                int b = pixels[3 * i] & 0xFF, g = pixels[3 * i + 1] & 0xFF, r = pixels[3 * i + 2] & 0xFF;
                if (b == 0 && g == 0 && r == 0) skin[i] = 0;
                if (Math.min(b, Math.min(g, r)) >= CLIPPED) linear.clipped[i] = 1;
                linear.blue[i] = (float) LINEAR[b];
                linear.green[i] = (float) LINEAR[g];
                linear.red[i] = (float) LINEAR[r];
                linear.saturation[i] = SkinMetrics.saturation(linear.blue[i], linear.green[i], linear.red[i]);
            }
            return linear;
        }

        /** The crop with the white balance and exposure applied: linear BGR float, clipped at 1. */
        Mat normalised(Gains gains, double exposure, int width, int height) {
            float gainB = (float) (gains.blue() * exposure), gainG = (float) (gains.green() * exposure), gainR = (float) (gains.red() * exposure);
            float[] values = new float[blue.length * 3];
            for (int i = 0; i < blue.length; i++) {
                values[3 * i] = Math.min(1, blue[i] * gainB);
                values[3 * i + 1] = Math.min(1, green[i] * gainG);
                values[3 * i + 2] = Math.min(1, red[i] * gainR);
            }
            Mat out = new Mat(height, width, CV_32FC3);
            new FloatPointer(out.data()).put(values);
            return out;
        }
    }

    private LightingNormaliser() {
    }

    static double linear(double srgb) {
        return srgb <= 0.04045 ? srgb / 12.92 : Math.pow((srgb + 0.055) / 1.055, 2.4);
    }

    /** Grey-world gains (linear light) from the photo outside the subject, sampled on a grid of about {@value #SAMPLES} pixels. */
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
                    sumB += LINEAR[pixels.get(y, x, 0)];
                    sumG += LINEAR[pixels.get(y, x, 1)];
                    sumR += LINEAR[pixels.get(y, x, 2)];
                    used++;
                }
            }
        }
        if (used < Math.max(50, seen / 20) || sumB <= 0 || sumG <= 0 || sumR <= 0) return Gains.NONE;
        double grey = (sumB + sumG + sumR) / 3;
        return new Gains(gain(grey / sumB), gain(grey / sumG), gain(grey / sumR));
    }

    private static double gain(double g) {
        return Double.isFinite(g) ? Math.clamp(g, MIN_GAIN, MAX_GAIN) : 1;
    }

    /**
     * The exposure gain (linear light, after the white balance) that brings the skin's median L* to
     * {@link #TARGET_L}; {@code skin} is the crop's skin mask (non-zero = skin).
     */
    static double exposure(LinearCrop crop, byte[] skin, Gains gains) {
        float[] blue = crop.blue(), green = crop.green(), red = crop.red();
        int count = 0;
        for (byte s : skin) if (s != 0) count++;
        if (count == 0) return 1;
        double[] luminance = new double[count];
        int i = 0;
        for (int p = 0; p < skin.length; p++) {
            if (skin[p] == 0) continue;
            luminance[i++] = 0.0722 * Math.min(1, blue[p] * gains.blue()) + 0.7152 * Math.min(1, green[p] * gains.green())
                    + 0.2126 * Math.min(1, red[p] * gains.red());
        }
        Arrays.sort(luminance);
        double median = luminance[count / 2];
        if (median <= 0) return MAX_EXPOSURE;
        double target = Math.pow((TARGET_L + 16) / 116, 3); // L* = 116 · Y^(1/3) − 16
        return Math.clamp(target / median, MIN_EXPOSURE, MAX_EXPOSURE);
    }
}

package dev.lightbox.skin.service;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_LBGR2Lab;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_HEIGHT;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_WIDTH;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The five metrics on a lighting-normalised face crop whose face is {@link SkinAnalyzer#FACE_WIDTH} px wide,
 * so every length below is relative to the face's width. All scales are documented in the README
 * ("Skin metrics"); change any of them and bump {@link SkinAnalyzer#VERSION}.
 */
final class SkinMetrics {

    /** Skin whose a* is above this counts as red for {@link SkinDetails#rednessShare()}. */
    static final double RED_A = 20;
    /** Fine detail: L* minus L* blurred at this sigma (px at 256 px face width). */
    static final double FINE_SIGMA = 1.5;
    /** The skin's local background (for spots and evenness) at this sigma. */
    static final double BACKGROUND_SIGMA = 10;
    /**
     * A spot is a patch at least {@link #SPOT_EDGE_DARKER} darker (L*) or {@link #SPOT_EDGE_REDDER} redder (a*) than
     * its surroundings whose core reaches {@link #SPOT_PEAK_DARKER} or {@link #SPOT_PEAK_REDDER}: faint patches
     * (pores, grain, the broken-up ends of wrinkles) do not count.
     */
    static final double SPOT_EDGE_DARKER = 5;
    static final double SPOT_EDGE_REDDER = 4;
    static final double SPOT_PEAK_DARKER = 10;
    static final double SPOT_PEAK_REDDER = 8;
    /** A spot's area, px at 256 px face width: from a speck of ~3 px to ~18 px across. */
    static final int SPOT_MIN_AREA = 8;
    static final int SPOT_MAX_AREA = 260;
    /** Evenness = 1 / (1 + spread / this), spread in L*a*b* units. */
    static final double EVENNESS_SCALE = 10;
    /**
     * Specular skin: bright (L* at least this, 18 above the normalised median {@link LightingNormaliser#TARGET_L})
     * and far less coloured than the skin (saturation, 1 − min/max of the linear channels, at most
     * {@link #SHINE_SATURATION} of the skin's median). Saturation is taken before the white balance: a highlight
     * has the light's colour, which the camera rendered near white, and a grey-world estimate from a strongly
     * coloured background would tint it.
     */
    static final double SHINE_MIN_L = LightingNormaliser.TARGET_L + 18;
    static final double SHINE_SATURATION = 0.5;

    /** One blemish: its centre and area, crop pixels. */
    record Spot(double x, double y, int area) {
    }

    /**
     * Per-pixel planes of the crop, row-major; {@code clipped} marks pixels that were saturated in the photo
     * (every channel at 250 or more): they count for shine but carry no colour, so not for redness or evenness.
     */
    record Planes(int width, int height, float[] lightness, float[] a, float[] smoothL, float[] smoothA, float[] smoothB,
                  float[] backgroundL, float[] backgroundA, float[] saturation, double shineSaturation, byte[] clipped) {
    }

    private SkinMetrics() {
    }

    /**
     * {@code normalised}: linear-light BGR float 0..1 after the lighting normalisation; {@code skin}: the skin
     * mask (non-zero = skin), same size; {@code saturation}: per pixel, of the linear camera values;
     * {@code clipped}: pixels white in the photo.
     */
    static Planes planes(Mat normalised, float[] saturation, byte[] skin, byte[] clipped) {
        int w = normalised.cols();
        int h = normalised.rows();
        Mat lab = new Mat();
        cvtColor(normalised, lab, COLOR_LBGR2Lab);
        Mat smooth = new Mat();
        GaussianBlur(lab, smooth, new Size(0, 0), FINE_SIGMA);
        float[] labValues = floats(lab, w * h * 3);
        float[] smoothValues = floats(smooth, w * h * 3);
        float[] l = channel(labValues, 0);
        float[] a = channel(labValues, 1);
        float[] sl = channel(smoothValues, 0);
        float[] sa = channel(smoothValues, 1);
        float[] sb = channel(smoothValues, 2);
        return new Planes(w, h, l, a, sl, sa, sb, background(sl, skin, w, h), background(sa, skin, w, h), saturation,
                SHINE_SATURATION * median(saturation, skin), clipped);
    }

    /** Spots darker or redder than their surroundings inside the skin, of a blemish's size, roughly round, with a clear core. */
    static List<Spot> spots(Planes p, byte[] skin) {
        int n = p.width() * p.height();
        byte[] candidate = new byte[n];
        float[] darkness = new float[n];
        float[] redness = new float[n];
        for (int i = 0; i < n; i++) {
            if (skin[i] == 0) continue;
            darkness[i] = p.backgroundL()[i] - p.smoothL()[i];
            redness[i] = p.smoothA()[i] - p.backgroundA()[i];
            if (darkness[i] > SPOT_EDGE_DARKER || redness[i] > SPOT_EDGE_REDDER) candidate[i] = (byte) 255;
        }
        Mat binary = new Mat(p.height(), p.width(), CV_8U);
        new BytePointer(binary.data()).put(candidate);
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        int count = connectedComponentsWithStats(binary, labels, stats, centroids);
        int[] label = new int[n];
        new IntPointer(labels.data()).get(label);
        boolean[] clearCore = new boolean[count];
        for (int i = 0; i < n; i++) {
            if (label[i] != 0 && (darkness[i] >= SPOT_PEAK_DARKER || redness[i] >= SPOT_PEAK_REDDER)) clearCore[label[i]] = true;
        }
        var spots = new ArrayList<Spot>();
        try (IntIndexer s = stats.createIndexer(); DoubleIndexer c = centroids.createIndexer()) {
            for (int component = 1; component < count; component++) {
                int area = s.get(component, CC_STAT_AREA);
                int bw = s.get(component, CC_STAT_WIDTH);
                int bh = s.get(component, CC_STAT_HEIGHT);
                if (!clearCore[component] || area < SPOT_MIN_AREA || area > SPOT_MAX_AREA) continue;
                double fill = area / (double) (bw * bh);
                double aspect = Math.max(bw, bh) / (double) Math.min(bw, bh);
                if (fill < 0.35 || aspect > 3) continue; // lines (wrinkles, glasses rims, the lips' edge) are not spots
                spots.add(new Spot(c.get(component, 0), c.get(component, 1), area));
            }
        }
        return spots;
    }

    /** The five metrics over one area (non-zero in {@code area}); {@code spots} are counted when their centre is in it. */
    static SkinValues measure(Planes p, byte[] area, List<Spot> spots) {
        int n = 0, coloured = 0;
        double sumA = 0, sumFine2 = 0, shiny = 0;
        double sumEvenL = 0, sumEvenL2 = 0, sumSa = 0, sumSa2 = 0, sumSb = 0, sumSb2 = 0;
        for (int i = 0; i < area.length; i++) {
            if (area[i] == 0) continue;
            n++;
            double fine = p.lightness()[i] - p.smoothL()[i];
            sumFine2 += fine * fine;
            if (p.lightness()[i] >= SHINE_MIN_L && p.saturation()[i] <= p.shineSaturation()) shiny++;
            if (p.clipped()[i] != 0) continue;
            coloured++;
            sumA += p.a()[i];
            double evenL = p.smoothL()[i] - p.backgroundL()[i];
            sumEvenL += evenL;
            sumEvenL2 += evenL * evenL;
            sumSa += p.smoothA()[i];
            sumSa2 += (double) p.smoothA()[i] * p.smoothA()[i];
            sumSb += p.smoothB()[i];
            sumSb2 += (double) p.smoothB()[i] * p.smoothB()[i];
        }
        if (n == 0) return new SkinValues(0, 0, 0, 0, 0);
        double redness = coloured == 0 ? 0 : sumA / coloured;
        double spread = coloured == 0 ? 0
                : Math.sqrt(variance(sumEvenL, sumEvenL2, coloured) + variance(sumSa, sumSa2, coloured) + variance(sumSb, sumSb2, coloured));
        int blemishes = 0;
        for (Spot spot : spots) {
            int x = (int) Math.round(spot.x());
            int y = (int) Math.round(spot.y());
            if (x >= 0 && y >= 0 && x < p.width() && y < p.height() && area[y * p.width() + x] != 0) blemishes++;
        }
        return new SkinValues(redness, blemishes, 1 / (1 + spread / EVENNESS_SCALE), Math.sqrt(sumFine2 / n), shiny / n);
    }

    /** Share of the area's (unclipped) skin whose a* is above {@link #RED_A}. */
    static double redShare(Planes p, byte[] area) {
        int n = 0, red = 0;
        for (int i = 0; i < area.length; i++) {
            if (area[i] == 0 || p.clipped()[i] != 0) continue;
            n++;
            if (p.a()[i] > RED_A) red++;
        }
        return n == 0 ? 0 : (double) red / n;
    }

    static float saturation(float blue, float green, float red) {
        float max = Math.max(blue, Math.max(green, red));
        float min = Math.min(blue, Math.min(green, red));
        return max <= 0 ? 0 : 1 - min / max;
    }

    private static double median(float[] plane, byte[] mask) {
        int count = 0;
        for (byte m : mask) if (m != 0) count++;
        if (count == 0) return 0;
        float[] values = new float[count];
        int k = 0;
        for (int i = 0; i < plane.length; i++) if (mask[i] != 0) values[k++] = plane[i];
        java.util.Arrays.sort(values);
        return values[count / 2];
    }

    private static double variance(double sum, double sumSquares, int n) {
        double mean = sum / n;
        return Math.max(0, sumSquares / n - mean * mean);
    }

    /** The plane blurred over the skin only (a normalised convolution), so hair and eyes do not bleed in. */
    private static float[] background(float[] plane, byte[] skin, int w, int h) {
        int n = w * h;
        float[] weighted = new float[n];
        float[] weights = new float[n];
        for (int i = 0; i < n; i++) {
            if (skin[i] == 0) continue;
            weighted[i] = plane[i];
            weights[i] = 1;
        }
        float[] blurredValues = blur(weighted, w, h);
        float[] blurredWeights = blur(weights, w, h);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = blurredWeights[i] > 1e-3f ? blurredValues[i] / blurredWeights[i] : plane[i];
        return out;
    }

    /** A wide blur, done at a quarter of the size (the background is smooth anyway). */
    private static float[] blur(float[] plane, int w, int h) {
        Mat in = new Mat(h, w, CV_32F);
        new FloatPointer(in.data()).put(plane);
        Mat small = new Mat();
        resize(in, small, new Size(Math.max(1, w / 4), Math.max(1, h / 4)), 0, 0, INTER_AREA);
        Mat blurred = new Mat();
        GaussianBlur(small, blurred, new Size(0, 0), BACKGROUND_SIGMA / 4);
        Mat out = new Mat();
        resize(blurred, out, new Size(w, h), 0, 0, INTER_LINEAR);
        return floats(out, w * h);
    }

    static float[] floats(Mat continuous, int count) {
        float[] values = new float[count];
        new FloatPointer(continuous.data()).get(values);
        return values;
    }

    private static float[] channel(float[] interleaved, int channel) {
        float[] out = new float[interleaved.length / 3];
        for (int i = 0; i < out.length; i++) out[i] = interleaved[3 * i + channel];
        return out;
    }
}

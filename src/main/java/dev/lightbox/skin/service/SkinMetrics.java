package dev.lightbox.skin.service;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2HSV;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2Lab;
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
    /** A spot pixel is this much darker (L*) or redder (a*) than its surroundings. */
    static final double SPOT_DARKER = 6;
    static final double SPOT_REDDER = 5;
    /** A spot's area, px at 256 px face width: from a speck of ~3 px to ~18 px across. */
    static final int SPOT_MIN_AREA = 8;
    static final int SPOT_MAX_AREA = 260;
    /** Evenness = 1 / (1 + spread / this), spread in L*a*b* units. */
    static final double EVENNESS_SCALE = 10;
    /** Specular skin: HSV value at least this and saturation at most {@link #SHINE_MAX_SATURATION}. */
    static final double SHINE_MIN_VALUE = 0.9;
    static final double SHINE_MAX_SATURATION = 0.22;

    /** One blemish: its centre and area, crop pixels. */
    record Spot(double x, double y, int area) {
    }

    /** Per-pixel planes of the crop, row-major. */
    record Planes(int width, int height, float[] lightness, float[] a, float[] smoothL, float[] smoothA, float[] smoothB,
                  float[] backgroundL, float[] backgroundA, float[] saturation, float[] value) {
    }

    private SkinMetrics() {
    }

    /** {@code normalised}: BGR float 0..1; {@code skin}: the skin mask (non-zero = skin), same size. */
    static Planes planes(Mat normalised, byte[] skin) {
        int w = normalised.cols();
        int h = normalised.rows();
        Mat lab = new Mat();
        cvtColor(normalised, lab, COLOR_BGR2Lab);
        Mat hsv = new Mat();
        cvtColor(normalised, hsv, COLOR_BGR2HSV);
        Mat smooth = new Mat();
        GaussianBlur(lab, smooth, new Size(0, 0), FINE_SIGMA);
        float[] labValues = floats(lab, w * h * 3);
        float[] smoothValues = floats(smooth, w * h * 3);
        float[] hsvValues = floats(hsv, w * h * 3);
        float[] l = channel(labValues, 0);
        float[] a = channel(labValues, 1);
        float[] sl = channel(smoothValues, 0);
        float[] sa = channel(smoothValues, 1);
        float[] sb = channel(smoothValues, 2);
        return new Planes(w, h, l, a, sl, sa, sb, background(sl, skin, w, h), background(sa, skin, w, h), channel(hsvValues, 1),
                channel(hsvValues, 2));
    }

    /** Spots darker or redder than their surroundings inside the skin, of a blemish's size and roughly round. */
    static List<Spot> spots(Planes p, byte[] skin) {
        int n = p.width() * p.height();
        byte[] candidate = new byte[n];
        for (int i = 0; i < n; i++) {
            if (skin[i] == 0) continue;
            boolean darker = p.backgroundL()[i] - p.smoothL()[i] > SPOT_DARKER;
            boolean redder = p.smoothA()[i] - p.backgroundA()[i] > SPOT_REDDER;
            if (darker || redder) candidate[i] = (byte) 255;
        }
        Mat binary = new Mat(p.height(), p.width(), CV_8U);
        new BytePointer(binary.data()).put(candidate);
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        int count = connectedComponentsWithStats(binary, labels, stats, centroids);
        var spots = new ArrayList<Spot>();
        try (IntIndexer s = stats.createIndexer(); DoubleIndexer c = centroids.createIndexer()) {
            for (int label = 1; label < count; label++) {
                int area = s.get(label, CC_STAT_AREA);
                int bw = s.get(label, CC_STAT_WIDTH);
                int bh = s.get(label, CC_STAT_HEIGHT);
                if (area < SPOT_MIN_AREA || area > SPOT_MAX_AREA) continue;
                double fill = area / (double) (bw * bh);
                double aspect = Math.max(bw, bh) / (double) Math.min(bw, bh);
                if (fill < 0.35 || aspect > 3) continue; // lines (wrinkles, glasses rims, the lips' edge) are not spots
                spots.add(new Spot(c.get(label, 0), c.get(label, 1), area));
            }
        }
        return spots;
    }

    /** The five metrics over one area (non-zero in {@code area}); {@code spots} are counted when their centre is in it. */
    static SkinValues measure(Planes p, byte[] area, List<Spot> spots) {
        int n = 0;
        double sumA = 0, sumFine2 = 0, shiny = 0;
        double sumEvenL = 0, sumEvenL2 = 0, sumSa = 0, sumSa2 = 0, sumSb = 0, sumSb2 = 0;
        for (int i = 0; i < area.length; i++) {
            if (area[i] == 0) continue;
            n++;
            sumA += p.a()[i];
            double fine = p.lightness()[i] - p.smoothL()[i];
            sumFine2 += fine * fine;
            double evenL = p.smoothL()[i] - p.backgroundL()[i];
            sumEvenL += evenL;
            sumEvenL2 += evenL * evenL;
            sumSa += p.smoothA()[i];
            sumSa2 += (double) p.smoothA()[i] * p.smoothA()[i];
            sumSb += p.smoothB()[i];
            sumSb2 += (double) p.smoothB()[i] * p.smoothB()[i];
            if (p.value()[i] >= SHINE_MIN_VALUE && p.saturation()[i] <= SHINE_MAX_SATURATION) shiny++;
        }
        if (n == 0) return new SkinValues(0, 0, 0, 0, 0);
        double spread = Math.sqrt(variance(sumEvenL, sumEvenL2, n) + variance(sumSa, sumSa2, n) + variance(sumSb, sumSb2, n));
        int blemishes = 0;
        for (Spot spot : spots) {
            int x = (int) Math.round(spot.x());
            int y = (int) Math.round(spot.y());
            if (x >= 0 && y >= 0 && x < p.width() && y < p.height() && area[y * p.width() + x] != 0) blemishes++;
        }
        return new SkinValues(sumA / n, blemishes, 1 / (1 + spread / EVENNESS_SCALE), Math.sqrt(sumFine2 / n), shiny / n);
    }

    /** Share of the area's skin whose a* is above {@link #RED_A}. */
    static double redShare(Planes p, byte[] area) {
        int n = 0, red = 0;
        for (int i = 0; i < area.length; i++) {
            if (area[i] == 0) continue;
            n++;
            if (p.a()[i] > RED_A) red++;
        }
        return n == 0 ? 0 : (double) red / n;
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

package dev.lightbox.analysis.service;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2HSV;
import static org.bytedeco.opencv.global.opencv_imgproc.Canny;
import static org.bytedeco.opencv.global.opencv_imgproc.HoughLinesP;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.filter2D;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.lightbox.analysis.Attribute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_imgproc.Vec4iVector;
import org.bytedeco.opencv.opencv_quality.QualityBRISQUE;
import org.bytedeco.opencv.opencv_saliency.StaticSaliencySpectralResidual;

/**
 * The technical and composition attributes of one upright BGR working copy (≤ 2 MP). Every value is a
 * finite number; scales are documented in the README. Stateless apart from the BRISQUE model paths.
 */
public class PhotoAnalyzer {

    /** Bump when any attribute's definition changes: cached results of older versions are re-computed on request. */
    public static final int VERSION = 4;
    static final double CLIPPED_SHARE = 0.20;

    /** Laplacian variance at which sharpness reads 0.5: a softly focused 2 MP photo sits around it. */
    private static final double SHARPNESS_HALF = 150.0;

    /** Shorter sides below these are too small for the measure: thirds reads 0, BRISQUE scores an enlarged copy. */
    static final int MIN_COMPOSITION_EDGE = 8;
    static final int MIN_BRISQUE_EDGE = 32;
    static final int MAX_SLIVER_EDGE = 2048;

    private final BrisqueModel brisque;

    PhotoAnalyzer(BrisqueModel brisque) {
        this.brisque = brisque;
    }

    public Map<String, Object> technical(Mat bgr) {
        var attributes = new LinkedHashMap<String, Object>();
        try (Mat gray = new Mat()) {
            cvtColor(bgr, gray, COLOR_BGR2GRAY);
            attributes.put(Attribute.SHARPNESS.key(), round(sharpness(gray)));
            double[] lum = meanStd(gray);
            double brightness = lum[0] / 255.0;
            double shadows = fraction(gray, 0, 8);
            double highlights = fraction(gray, 247, 255);
            attributes.put(Attribute.BRIGHTNESS.key(), round(brightness));
            attributes.put(Attribute.SHADOW_CLIPPING.key(), round(shadows));
            attributes.put(Attribute.HIGHLIGHT_CLIPPING.key(), round(highlights));
            attributes.put(Attribute.EXPOSURE.key(), exposure(brightness, shadows, highlights));
            attributes.put(Attribute.CONTRAST.key(), round(Math.min(1.0, lum[1] / 128.0)));
            attributes.put(Attribute.NOISE.key(), round(Math.min(1.0, noiseSigma(gray) / 20.0)));
        }
        attributes.put(Attribute.COLORFULNESS.key(), round(colorfulness(bgr)));
        attributes.put(Attribute.SATURATION.key(), round(saturation(bgr)));
        attributes.put(Attribute.BRISQUE.key(), round(brisque.score(bgr)));
        attributes.put(Attribute.PERCEPTUAL_HASH.key(), PerceptualHash.hex(PerceptualHash.of(bgr)));
        return attributes;
    }

    public Map<String, Object> composition(Mat bgr) {
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put(Attribute.THIRDS.key(), round(thirds(bgr)));
        Horizon horizon = horizon(bgr);
        attributes.put(Attribute.HORIZON_TILT.key(), round(horizon.tilt()));
        attributes.put(Attribute.HORIZON_CONFIDENCE.key(), round(horizon.confidence()));
        return attributes;
    }

    /** Variance of the Laplacian, mapped to 0..1 by v / (v + 150): higher is sharper. */
    static double sharpness(Mat gray) {
        try (Mat laplacian = new Mat()) {
            Laplacian(gray, laplacian, CV_64F);
            double sd = meanStd(laplacian)[1];
            double variance = sd * sd;
            return variance / (variance + SHARPNESS_HALF);
        }
    }

    /**
     * A fifth of the frame clipped at either end is mis-exposed whatever the average says (a blown-out
     * portrait can still average mid-grey): the larger clipped share decides. Then the brightness rules.
     */
    static String exposure(double brightness, double shadows, double highlights) {
        if (shadows >= CLIPPED_SHARE || highlights >= CLIPPED_SHARE) return highlights >= shadows ? "over" : "under";
        if (brightness < 0.22 || (shadows > 0.35 && highlights < 0.02)) return "under";
        if (brightness > 0.75 || (highlights > 0.25 && shadows < 0.02)) return "over";
        return "ok";
    }

    /** Hasler and Süsstrunk's colourfulness M = σ_rgyb + 0.3 μ_rgyb (raw; about 0 for gray, above 60 for vivid). */
    static double colorfulness(Mat bgr) {
        try (MatVector channels = new MatVector(); Mat b = new Mat(); Mat g = new Mat(); Mat r = new Mat();
             Mat rg = new Mat(); Mat yb = new Mat()) {
            split(bgr, channels);
            channels.get(0).convertTo(b, CV_32F);
            channels.get(1).convertTo(g, CV_32F);
            channels.get(2).convertTo(r, CV_32F);
            org.bytedeco.opencv.global.opencv_core.subtract(r, g, rg);
            org.bytedeco.opencv.global.opencv_core.addWeighted(r, 0.5, g, 0.5, 0, yb);
            org.bytedeco.opencv.global.opencv_core.subtract(yb, b, yb);
            double[] srg = meanStd(rg);
            double[] syb = meanStd(yb);
            double sigma = Math.sqrt(srg[1] * srg[1] + syb[1] * syb[1]);
            double mu = Math.sqrt(srg[0] * srg[0] + syb[0] * syb[0]);
            return sigma + 0.3 * mu;
        }
    }

    /** Mean HSV saturation, 0..1. */
    static double saturation(Mat bgr) {
        try (Mat hsv = new Mat(); MatVector channels = new MatVector()) {
            cvtColor(bgr, hsv, COLOR_BGR2HSV);
            split(hsv, channels);
            return meanStd(channels.get(1))[0] / 255.0;
        }
    }

    /** Immerkær's fast noise estimate (σ in gray levels), from the Laplacian-difference kernel. */
    static double noiseSigma(Mat gray) {
        float[] k = {1, -2, 1, -2, 4, -2, 1, -2, 1};
        try (Mat kernel = new Mat(3, 3, CV_32F); Mat response = new Mat(); Mat grayF = new Mat()) {
            kernel.data().put(toBytes(k));
            gray.convertTo(grayF, CV_32F);
            filter2D(grayF, response, CV_32F, kernel);
            double sumAbs = org.bytedeco.opencv.global.opencv_core.norm(response, org.bytedeco.opencv.global.opencv_core.NORM_L1, new Mat());
            long w = gray.cols();
            long h = gray.rows();
            if (w < 3 || h < 3) return 0; // no interior pixel for the 3×3 kernel
            return Math.sqrt(Math.PI / 2) * sumAbs / (6.0 * (w - 2) * (h - 2));
        }
    }

    /**
     * How much of the salient mass (spectral-residual saliency) lies near the rule-of-thirds lines: each
     * pixel counts by exp(-d²/2σ²), d its distance to the nearest third line as a fraction of the frame, σ = 0.06.
     */
    static double thirds(Mat bgr) {
        try (Mat small = new Mat(); Mat saliency = new Mat()) {
            if (Math.min(bgr.cols(), bgr.rows()) < MIN_COMPOSITION_EDGE) return 0; // a sliver has no thirds
            double scale = 128.0 / Math.max(bgr.cols(), bgr.rows());
            resize(bgr, small, new Size(Math.max(1, (int) Math.round(bgr.cols() * scale)), Math.max(1, (int) Math.round(bgr.rows() * scale))));
            var model = StaticSaliencySpectralResidual.create();
            if (!model.computeSaliency(small, saliency)) return 0;
            Mat map = new Mat();
            saliency.convertTo(map, CV_32F);
            FloatIndexer values = map.createIndexer();
            double total = 0;
            double near = 0;
            int rows = map.rows();
            int cols = map.cols();
            for (int y = 0; y < rows; y++) {
                double fy = (y + 0.5) / rows;
                double dy = Math.min(Math.abs(fy - 1 / 3.0), Math.abs(fy - 2 / 3.0));
                for (int x = 0; x < cols; x++) {
                    double fx = (x + 0.5) / cols;
                    double dx = Math.min(Math.abs(fx - 1 / 3.0), Math.abs(fx - 2 / 3.0));
                    double d = Math.min(dx, dy);
                    double v = values.get(y, x);
                    total += v;
                    near += v * Math.exp(-d * d / (2 * 0.06 * 0.06));
                }
            }
            values.release();
            map.close();
            return total <= 0 ? 0 : near / total;
        }
    }

    /** The tilt of the frame's near-horizontal lines, and how sure it is that one of them is a horizon (0..1). */
    record Horizon(double tilt, double confidence) {
    }

    /** Lines within this many degrees of the tilt, and within {@link #HORIZON_BAND} of the frame's height of each other, form the horizon. */
    private static final double HORIZON_ANGLE_SPREAD = 1.5;
    private static final double HORIZON_BAND = 0.03;
    /** Lines this close (share of the height) to the top or bottom are the frame's or a border's edge, not a horizon. */
    private static final double HORIZON_MARGIN = 0.08;
    /** A colour step of this much (0..1 of a channel's range) between the bands above and below the line counts in full. */
    private static final double HORIZON_FULL_STEP = 0.12;

    static double horizonTilt(Mat bgr) {
        return horizon(bgr).tilt();
    }

    /**
     * The tilt is the length-weighted median angle (degrees, positive = clockwise) of long near-horizontal
     * edges; 0 when none. The confidence that a horizon was found is the share of the frame's width the
     * dominant line spans (its collinear segments merged) times how different the frame is on either side
     * of it (the largest per-channel difference of a band above and a band below, full at 12%): a sea or
     * skyline spans the frame and separates two regions; table edges, plank seams, a cup's rim or a
     * building's edges do not.
     */
    static Horizon horizon(Mat bgr) {
        try (Mat gray = new Mat(); Mat edges = new Mat(); Vec4iVector lines = new Vec4iVector()) {
            cvtColor(bgr, gray, COLOR_BGR2GRAY);
            Canny(gray, edges, 60, 180);
            int minLength = Math.max(20, bgr.cols() / 4);
            HoughLinesP(edges, lines, 1, Math.PI / 360, 80, minLength, 10);
            if (lines.empty()) return new Horizon(0, 0);
            List<double[]> candidates = new ArrayList<>(); // angle, length, x1, y1, x2, y2
            for (long i = 0; i < lines.size(); i++) {
                var line = lines.get(i);
                int x1 = line.get(0), y1 = line.get(1), x2 = line.get(2), y2 = line.get(3);
                if (x2 < x1) {
                    int x = x1, y = y1;
                    x1 = x2;
                    y1 = y2;
                    x2 = x;
                    y2 = y;
                }
                double angle = Math.toDegrees(Math.atan2(y2 - y1, x2 - x1));
                if (Math.abs(angle) <= 20) candidates.add(new double[] {angle, Math.hypot(x2 - x1, y2 - y1), x1, y1, x2, y2});
            }
            if (candidates.isEmpty()) return new Horizon(0, 0);
            candidates.sort((a, b) -> Double.compare(a[0], b[0]));
            double half = candidates.stream().mapToDouble(c -> c[1]).sum() / 2;
            double seen = 0;
            double tilt = 0;
            for (double[] c : candidates) {
                seen += c[1];
                if (seen >= half) {
                    tilt = c[0];
                    break;
                }
            }
            return new Horizon(tilt, horizonConfidence(bgr, candidates, tilt));
        }
    }

    private static double horizonConfidence(Mat bgr, List<double[]> candidates, double tilt) {
        int width = bgr.cols();
        int height = bgr.rows();
        double slope = Math.tan(Math.toRadians(tilt));
        double centre = width / 2.0;
        // the segments along the tilt, by where they cross the frame's vertical centre line
        List<double[]> along = new ArrayList<>(); // crossing, x1, x2, length
        for (double[] c : candidates) {
            double crossing = c[3] + (centre - c[2]) * slope;
            if (Math.abs(c[0] - tilt) > HORIZON_ANGLE_SPREAD || crossing < HORIZON_MARGIN * height || crossing > (1 - HORIZON_MARGIN) * height) continue;
            along.add(new double[] {crossing, c[2], c[4], c[1]});
        }
        along.sort((a, b) -> Double.compare(a[0], b[0]));
        double band = Math.max(2, HORIZON_BAND * height);
        List<double[]> best = List.of();
        double bestLength = 0;
        for (int i = 0; i < along.size(); i++) {
            List<double[]> group = new ArrayList<>();
            double length = 0;
            for (int j = i; j < along.size() && along.get(j)[0] - along.get(i)[0] <= band; j++) {
                group.add(along.get(j));
                length += along.get(j)[3];
            }
            if (length > bestLength) {
                bestLength = length;
                best = group;
            }
        }
        if (best.isEmpty()) return 0;
        double crossing = best.stream().mapToDouble(g -> g[0] * g[3]).sum() / bestLength;
        double span = coveredWidth(best) / width;
        return Math.clamp(span, 0, 1) * Math.min(1, step(bgr, crossing, slope) / HORIZON_FULL_STEP);
    }

    /** The width the segments' x-ranges cover together. */
    private static double coveredWidth(List<double[]> segments) {
        List<double[]> ranges = segments.stream().map(s -> new double[] {s[1], s[2]}).sorted((a, b) -> Double.compare(a[0], b[0])).toList();
        double covered = 0;
        double from = ranges.getFirst()[0];
        double to = ranges.getFirst()[1];
        for (double[] r : ranges) {
            if (r[0] > to) {
                covered += to - from;
                from = r[0];
            }
            to = Math.max(to, r[1]);
        }
        return covered + to - from;
    }

    /** The largest per-channel difference (0..1) between the mean of a band just above the line and one just below it. */
    private static double step(Mat bgr, double crossing, double slope) {
        int width = bgr.cols();
        int height = bgr.rows();
        int gap = Math.max(2, height / 100);
        int depth = Math.max(2, height / 12);
        double[] above = new double[3];
        double[] below = new double[3];
        long aboveCount = 0;
        long belowCount = 0;
        try (UByteIndexer pixels = bgr.createIndexer()) {
            int stride = Math.max(1, width / 400);
            for (int x = 0; x < width; x += stride) {
                int y = (int) Math.round(crossing + (x - width / 2.0) * slope);
                for (int dy = gap; dy < gap + depth; dy += 2) {
                    if (y - dy >= 0 && y - dy < height) {
                        for (int ch = 0; ch < 3; ch++) above[ch] += pixels.get(y - dy, x, ch);
                        aboveCount++;
                    }
                    if (y + dy >= 0 && y + dy < height) {
                        for (int ch = 0; ch < 3; ch++) below[ch] += pixels.get(y + dy, x, ch);
                        belowCount++;
                    }
                }
            }
        }
        if (aboveCount == 0 || belowCount == 0) return 0;
        double step = 0;
        for (int ch = 0; ch < 3; ch++) step = Math.max(step, Math.abs(above[ch] / aboveCount - below[ch] / belowCount) / 255.0);
        return step;
    }

    private static double fraction(Mat gray, int from, int to) {
        try (Mat mask = new Mat()) {
            org.bytedeco.opencv.global.opencv_core.inRange(gray, new Mat(1, 1, org.bytedeco.opencv.global.opencv_core.CV_8UC1,
                    new org.bytedeco.opencv.opencv_core.Scalar(from)), new Mat(1, 1, org.bytedeco.opencv.global.opencv_core.CV_8UC1,
                    new org.bytedeco.opencv.opencv_core.Scalar(to)), mask);
            return (double) countNonZero(mask) / gray.total();
        }
    }

    private static double[] meanStd(Mat mat) {
        try (Mat mean = new Mat(); Mat std = new Mat()) {
            meanStdDev(mat, mean, std);
            return new double[] {mean.createIndexer().getDouble(0), std.createIndexer().getDouble(0)};
        }
    }

    private static byte[] toBytes(float[] values) {
        var buffer = java.nio.ByteBuffer.allocate(values.length * 4).order(java.nio.ByteOrder.nativeOrder());
        for (float v : values) buffer.putFloat(v);
        return buffer.array();
    }

    static double round(double value) {
        if (!Double.isFinite(value)) return 0;
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** OpenCV's BRISQUE no-reference quality score (0 best … 100 worst), with the model files the opencv jar ships. */
    static final class BrisqueModel {
        private final String model;
        private final String range;

        BrisqueModel(String model, String range) {
            this.model = model;
            this.range = range;
        }

        /**
         * Images under 32 px on a side are scored stretched to 32 px on that side (BRISQUE's two scales need
         * that much) and at most 2048 px on the other, so a 1 × 20000 sliver never becomes a 20 MP image.
         */
        double score(Mat bgr) {
            int shortEdge = Math.min(bgr.cols(), bgr.rows());
            if (shortEdge >= MIN_BRISQUE_EDGE) return QualityBRISQUE.compute(bgr, model, range).get(0);
            int longEdge = Math.max(MIN_BRISQUE_EDGE, Math.min(Math.max(bgr.cols(), bgr.rows()), MAX_SLIVER_EDGE));
            Size size = bgr.cols() < bgr.rows() ? new Size(MIN_BRISQUE_EDGE, longEdge) : new Size(longEdge, MIN_BRISQUE_EDGE);
            try (Mat stretched = new Mat()) {
                resize(bgr, stretched, size, 0, 0, org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST);
                return QualityBRISQUE.compute(stretched, model, range).get(0);
            }
        }
    }

}

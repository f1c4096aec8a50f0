package dev.lightbox.analysis.service;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromTFLite;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Net;

/**
 * MediaPipe BlazeFace full-range through OpenCV DNN. The photo is letterboxed to a square (MediaPipe's
 * "fit" with zero padding), scaled to 192×192 RGB in [-1, 1]; each of the 2304 anchors (48×48 grid,
 * stride 4, fixed size 1) gives a logit and a box relative to its centre; boxes above {@link #MIN_SCORE}
 * are merged by MediaPipe's weighted non-maximum suppression (IoU {@link #MIN_SUPPRESSION}).
 * Nets are not thread-safe: one per thread.
 */
final class BlazeFaceDetector implements FaceDetector {

    static final String NAME = "blazeface-full-range";
    static final int INPUT = 192;
    static final int GRID = 48;
    static final double MIN_SCORE = 0.5;
    static final double MIN_SUPPRESSION = 0.3;

    private final ThreadLocal<Net> net;

    /** Loads the model once to fail early (the caller falls back to Haar); each thread then reads its own copy. */
    BlazeFaceDetector(byte[] model) {
        Net first = load(model);
        this.net = ThreadLocal.withInitial(() -> load(model));
        this.net.set(first);
    }

    private static Net load(byte[] model) {
        Net loaded;
        try {
            loaded = readNetFromTFLite(model);
        } catch (RuntimeException e) {
            throw new IllegalStateException("BlazeFace model could not be read: " + e.getMessage(), e);
        }
        if (loaded == null || loaded.empty()) throw new IllegalStateException("BlazeFace model could not be read");
        return NativeScopes.outliving(loaded);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * One detection before suppression, in letterboxed-square coordinates 0..1, with the first two keypoints:
     * the person's right eye (image left in a selfie) and left eye.
     */
    record Candidate(double score, double cx, double cy, double w, double h, double rightEyeX, double rightEyeY, double leftEyeX,
                     double leftEyeY) {

        double x0() { return cx - w / 2; }
        double y0() { return cy - h / 2; }
        double x1() { return cx + w / 2; }
        double y1() { return cy + h / 2; }

        double iou(Candidate o) {
            double iw = Math.max(0, Math.min(x1(), o.x1()) - Math.max(x0(), o.x0()));
            double ih = Math.max(0, Math.min(y1(), o.y1()) - Math.max(y0(), o.y0()));
            double inter = iw * ih;
            double union = w * h + o.w * o.h - inter;
            return union <= 0 ? 0 : inter / union;
        }
    }

    /**
     * Letterboxes the image into the model's 192 × 192 input: shrunk (or enlarged) to fit first, so the square
     * never exceeds the input size whatever the image's shape (a 1 × 20000 sliver padded to its long edge would
     * be 400 MP).
     */
    @Override
    public List<Map<String, Object>> detect(Mat bgr, double toOriginal) {
        double scale = (double) INPUT / Math.max(bgr.cols(), bgr.rows());
        int width = Math.max(1, (int) Math.round(bgr.cols() * scale));
        int height = Math.max(1, (int) Math.round(bgr.rows() * scale));
        int offsetX = (INPUT - width) / 2;
        int offsetY = (INPUT - height) / 2;
        List<Candidate> candidates;
        try (Mat square = new Mat(INPUT, INPUT, bgr.type(), Scalar.all(0));
             Mat inside = square.apply(new Rect(offsetX, offsetY, width, height));
             MatVector outputs = new MatVector()) {
            resize(bgr, inside, new Size(width, height), 0, 0, scale < 1 ? INTER_AREA : INTER_LINEAR);
            Mat blob = blobFromImage(square, 1 / 127.5, new Size(INPUT, INPUT), Scalar.all(127.5), true, false, CV_32F);
            Net model = net.get();
            model.setInput(blob);
            try (StringVector names = model.getUnconnectedOutLayersNames()) {
                model.forward(outputs, names);
            }
            candidates = decode(outputs);
            blob.close();
        }
        var faces = new ArrayList<Map<String, Object>>();
        for (Candidate face : suppress(candidates)) {
            double x = Math.max(0, (face.x0() * INPUT - offsetX) / scale);
            double y = Math.max(0, (face.y0() * INPUT - offsetY) / scale);
            double w = Math.min(bgr.cols(), (face.x1() * INPUT - offsetX) / scale) - x;
            double h = Math.min(bgr.rows(), (face.y1() * INPUT - offsetY) / scale) - y;
            if (w <= 1 || h <= 1) continue;
            faces.add(Map.of("x", (int) Math.round(x * toOriginal), "y", (int) Math.round(y * toOriginal),
                    "w", (int) Math.round(w * toOriginal), "h", (int) Math.round(h * toOriginal),
                    "confidence", PhotoAnalyzer.round(face.score()),
                    "rightEye", point(face.rightEyeX(), face.rightEyeY(), offsetX, offsetY, scale / toOriginal),
                    "leftEye", point(face.leftEyeX(), face.leftEyeY(), offsetX, offsetY, scale / toOriginal)));
        }
        return faces;
    }

    /** A keypoint as {@code [x, y]} in the photo's upright original pixels, to one decimal. */
    private static List<Double> point(double x, double y, int offsetX, int offsetY, double scale) {
        return List.of(Math.round((x * INPUT - offsetX) / scale * 10) / 10.0, Math.round((y * INPUT - offsetY) / scale * 10) / 10.0);
    }

    private static List<Candidate> decode(MatVector outputs) {
        Mat scores = outputs.get(0);
        Mat boxes = outputs.get(1);
        if (scores.size(2) != 1) {
            Mat swap = scores;
            scores = boxes;
            boxes = swap;
        }
        var candidates = new ArrayList<Candidate>();
        try (FloatIndexer s = scores.createIndexer(); FloatIndexer b = boxes.createIndexer()) {
            int anchors = scores.size(1);
            for (int i = 0; i < anchors; i++) {
                double score = 1 / (1 + Math.exp(-Math.clamp(s.get(0, i, 0), -100, 100)));
                if (score < MIN_SCORE) continue;
                double anchorX = (i % GRID + 0.5) / GRID;
                double anchorY = (i / GRID + 0.5) / GRID;
                candidates.add(new Candidate(score, anchorX + b.get(0, i, 0) / INPUT, anchorY + b.get(0, i, 1) / INPUT,
                        b.get(0, i, 2) / INPUT, b.get(0, i, 3) / INPUT, anchorX + b.get(0, i, 4) / INPUT, anchorY + b.get(0, i, 5) / INPUT,
                        anchorX + b.get(0, i, 6) / INPUT, anchorY + b.get(0, i, 7) / INPUT));
            }
        }
        return candidates;
    }

    /** MediaPipe's weighted NMS: each cluster of overlapping boxes becomes their score-weighted mean, with the best score. */
    static List<Candidate> suppress(List<Candidate> candidates) {
        var remaining = new ArrayList<>(candidates);
        remaining.sort(Comparator.comparingDouble(Candidate::score).reversed());
        var kept = new ArrayList<Candidate>();
        while (!remaining.isEmpty()) {
            Candidate best = remaining.getFirst();
            var cluster = remaining.stream().filter(c -> c == best || c.iou(best) > MIN_SUPPRESSION).toList();
            remaining.removeAll(cluster);
            double total = 0, cx = 0, cy = 0, w = 0, h = 0, rx = 0, ry = 0, lx = 0, ly = 0;
            for (Candidate c : cluster) {
                total += c.score();
                cx += c.cx() * c.score();
                cy += c.cy() * c.score();
                w += c.w() * c.score();
                h += c.h() * c.score();
                rx += c.rightEyeX() * c.score();
                ry += c.rightEyeY() * c.score();
                lx += c.leftEyeX() * c.score();
                ly += c.leftEyeY() * c.score();
            }
            kept.add(new Candidate(best.score(), cx / total, cy / total, w / total, h / total, rx / total, ry / total, lx / total,
                    ly / total));
        }
        return kept;
    }
}

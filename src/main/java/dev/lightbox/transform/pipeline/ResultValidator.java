package dev.lightbox.transform.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Canny;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import dev.lightbox.analysis.service.FaceFinder;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The validate step's checks, in order (the first that fails is the reason):
 * <ol>
 * <li>size: the result is 8-bit BGR and exactly the upright original's width × height;</li>
 * <li>not blank: the standard deviation of the result's grey levels is at least {@link #MIN_DEVIATION} (of 255);</li>
 * <li>faces: of the faces found in the original, at least the style's {@code facesKept} share is found again
 *     in the result (a face counts as found when a detection in the whole result, or in a crop of the result
 *     around it three times the face's size, overlaps it with IoU ≥ {@link #MIN_FACE_IOU});</li>
 * <li>structure: the edge maps of the original and the result (Canny on 512 px grey copies, blurred by
 *     σ = {@link #EDGE_TOLERANCE} px so a line moved by a pixel or two still matches) have a normalised cross
 *     correlation of at least the style's {@code minEdgeSimilarity}.</li>
 * </ol>
 */
final class ResultValidator {

    static final double MIN_DEVIATION = 2.0;
    static final double MIN_FACE_IOU = 0.3;
    static final double FACE_CONTEXT = 3.0;
    static final double EDGE_TOLERANCE = 2.0;
    static final int EDGE_SIZE = 512;

    /** What the checks measured, for the step's message and the bench. */
    record Report(double deviation, int facesBefore, int facesAfter, double edgeSimilarity) {
        String message() {
            return String.format(Locale.ROOT, "ok: contrast %.1f, %d of %d faces found again, edge similarity %.2f", deviation, facesAfter,
                    facesBefore, edgeSimilarity);
        }
    }

    private final FaceFinder faces;

    ResultValidator(FaceFinder faces) {
        this.faces = faces;
    }

    Report check(Mat original, Mat result, List<Rect> facesBefore, ValidationBounds bounds) throws ValidationFailedException {
        if (result.type() != CV_8UC3) throw new ValidationFailedException("The result is not an 8-bit colour image.");
        if (result.cols() != original.cols() || result.rows() != original.rows()) {
            throw new ValidationFailedException("The result is " + result.cols() + " × " + result.rows() + ", not the photo's "
                    + original.cols() + " × " + original.rows() + ".");
        }
        try (Mat small = Images.fit(result, EDGE_SIZE); Mat smallOriginal = Images.fit(original, EDGE_SIZE)) {
            double deviation = deviation(small);
            if (deviation < MIN_DEVIATION) {
                throw new ValidationFailedException(String.format(Locale.ROOT, "The result is blank (grey-level deviation %.1f, at least %.1f needed).",
                        deviation, MIN_DEVIATION));
            }
            int found = 0;
            if (bounds.facesKept() > 0 && !facesBefore.isEmpty()) {
                List<Rect> wholePhoto = faces.find(result);
                for (Rect before : facesBefore) {
                    if (wholePhoto.stream().anyMatch(a -> iou(a, before) >= MIN_FACE_IOU) || foundAgain(result, before)) found++;
                }
                int needed = (int) Math.ceil(bounds.facesKept() * facesBefore.size());
                if (found < needed) {
                    throw new ValidationFailedException("A face was lost: " + found + " of the " + facesBefore.size()
                            + " faces in the photo were found in the result (" + needed + " needed).");
                }
            }
            double similarity = edgeSimilarity(smallOriginal, small);
            if (similarity < bounds.minEdgeSimilarity()) {
                throw new ValidationFailedException(String.format(Locale.ROOT,
                        "The result lost the photo's structure (edge similarity %.2f, at least %.2f needed).", similarity,
                        bounds.minEdgeSimilarity()));
            }
            return new Report(deviation, facesBefore.size(), found, similarity);
        }
    }

    /**
     * Whether the face at {@code box} is found on a square crop of the result around it ({@link #FACE_CONTEXT} ×
     * its size), where the face is large. A small face in a 12 MP photo sits near the detector's threshold:
     * on the whole 12 MP Messi bench photo a tone change alone lost it (hdr, color-match), and on the crop
     * the cartoon's flattened face was lost while the whole photo still found it; a face counts as found
     * again when either finds it.
     */
    private boolean foundAgain(Mat result, Rect box) {
        int side = (int) Math.round(Math.max(box.width(), box.height()) * FACE_CONTEXT);
        int x0 = Math.max(0, box.x() + box.width() / 2 - side / 2);
        int y0 = Math.max(0, box.y() + box.height() / 2 - side / 2);
        int x1 = Math.min(result.cols(), x0 + side);
        int y1 = Math.min(result.rows(), y0 + side);
        if (x1 - x0 < 2 || y1 - y0 < 2) return false;
        Rect shifted = new Rect(box.x() - x0, box.y() - y0, box.width(), box.height());
        try (Mat crop = result.apply(new Rect(x0, y0, x1 - x0, y1 - y0))) {
            return faces.find(crop).stream().anyMatch(a -> iou(a, shifted) >= MIN_FACE_IOU);
        }
    }

    static double deviation(Mat bgr) {
        try (Mat grey = new Mat(); Mat mean = new Mat(); Mat deviation = new Mat()) {
            cvtColor(bgr, grey, COLOR_BGR2GRAY);
            meanStdDev(grey, mean, deviation);
            try (DoubleIndexer d = deviation.createIndexer()) {
                return d.get(0, 0);
            }
        }
    }

    /** Normalised cross correlation of the two images' blurred Canny edge maps: 1 = the same lines, 0 = none in common. */
    static double edgeSimilarity(Mat a, Mat b) {
        try (Mat ea = blurredEdges(a); Mat eb = blurredEdges(b)) {
            double ab = ea.dot(eb);
            double aa = ea.dot(ea);
            double bb = eb.dot(eb);
            if (aa == 0 && bb == 0) return 1;
            if (aa == 0 || bb == 0) return 0;
            return ab / Math.sqrt(aa * bb);
        }
    }

    private static Mat blurredEdges(Mat bgr) {
        try (Mat grey = new Mat(); Mat edges = new Mat(); Mat floats = new Mat()) {
            cvtColor(bgr, grey, COLOR_BGR2GRAY);
            GaussianBlur(grey, grey, new Size(0, 0), 1.0);
            Canny(grey, edges, 50, 150);
            edges.convertTo(floats, CV_32F, 1 / 255.0, 0);
            Mat blurred = new Mat();
            GaussianBlur(floats, blurred, new Size(0, 0), EDGE_TOLERANCE);
            return blurred;
        }
    }

    static double iou(Rect a, Rect b) {
        int x0 = Math.max(a.x(), b.x());
        int y0 = Math.max(a.y(), b.y());
        int x1 = Math.min(a.x() + a.width(), b.x() + b.width());
        int y1 = Math.min(a.y() + a.height(), b.y() + b.height());
        double inter = Math.max(0, x1 - x0) * (double) Math.max(0, y1 - y0);
        double union = (double) a.width() * a.height() + (double) b.width() * b.height() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}

package dev.lightbox.skin.service;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.getTextSize;
import static org.bytedeco.opencv.global.opencv_imgproc.polylines;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;

import static org.bytedeco.opencv.global.opencv_core.CV_32SC2;

import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/** The face crop as JPEG, and the same crop with each region's outline and name drawn on it. */
final class CropPictures {

    static final int QUALITY = 90;
    private static final int SHIFT = 4;

    private CropPictures() {
    }

    static byte[] jpeg(Mat bgr) {
        try (BytePointer out = new BytePointer(); IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, QUALITY)) {
            if (!imencode(".jpg", bgr, out, params)) throw new IllegalStateException("The face crop could not be encoded as JPEG");
            byte[] bytes = new byte[(int) out.limit()];
            out.get(bytes);
            return bytes;
        }
    }

    /** A copy of the crop with the regions outlined (each its own colour) and named. */
    static Mat annotated(Mat crop, Map<SkinRegion, List<double[]>> outlines) {
        Mat out = crop.clone();
        outlines.forEach((region, outline) -> {
            Mat points = new Mat(outline.size(), 1, CV_32SC2);
            try (IntIndexer p = points.createIndexer()) {
                for (int i = 0; i < outline.size(); i++) {
                    p.put(i, 0, 0, (int) Math.round(outline.get(i)[0] * (1 << SHIFT)));
                    p.put(i, 0, 1, (int) Math.round(outline.get(i)[1] * (1 << SHIFT)));
                }
            }
            Scalar colour = colour(region);
            try (MatVector polygons = new MatVector(points)) {
                polylines(out, polygons, true, Scalar.all(0), 4, LINE_AA, SHIFT);
                polylines(out, polygons, true, colour, 2, LINE_AA, SHIFT);
            }
            label(out, region, outline, colour);
        });
        return out;
    }

    /**
     * The region's name: inside the forehead and the chin, above the nose (between the eyes), below each
     * cheek, so the names of neighbouring regions do not run into each other on a turned face.
     */
    private static void label(Mat image, SkinRegion region, List<double[]> outline, Scalar colour) {
        double scale = 0.45;
        int[] baseline = new int[1];
        Size size = getTextSize(region.words(), FONT_HERSHEY_SIMPLEX, scale, 1, baseline);
        double cx = 0, cy = 0, top = Double.MAX_VALUE, bottom = -Double.MAX_VALUE, topX = 0;
        for (double[] p : outline) {
            cx += p[0] / outline.size();
            cy += p[1] / outline.size();
            bottom = Math.max(bottom, p[1]);
            if (p[1] < top) {
                top = p[1];
                topX = p[0];
            }
        }
        double x = region == SkinRegion.NOSE ? topX : cx;
        double baselineY = switch (region) {
            case NOSE -> top - 5;
            case LEFT_CHEEK, RIGHT_CHEEK -> bottom + size.height() + 5;
            case FOREHEAD, CHIN -> cy + size.height() / 2.0;
        };
        int left = (int) Math.clamp(Math.round(x - size.width() / 2.0), 2, Math.max(2, image.cols() - size.width() - 2));
        int y = (int) Math.clamp(Math.round(baselineY), size.height() + 2, image.rows() - 3);
        String text = region.words();
        Point at = new Point(left, y);
        putText(image, text, at, FONT_HERSHEY_SIMPLEX, scale, Scalar.all(0), 2, LINE_AA, false);
        putText(image, text, at, FONT_HERSHEY_SIMPLEX, scale, colour, 1, LINE_AA, false);
    }

    /** BGR; distinct on skin and on each other. */
    private static Scalar colour(SkinRegion region) {
        return switch (region) {
            case FOREHEAD -> new Scalar(255, 220, 0, 0);
            case LEFT_CHEEK -> new Scalar(0, 170, 255, 0);
            case RIGHT_CHEEK -> new Scalar(80, 255, 80, 0);
            case NOSE -> new Scalar(255, 80, 255, 0);
            case CHIN -> new Scalar(255, 255, 255, 0);
        };
    }
}

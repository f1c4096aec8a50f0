package dev.lightbox.skin.service;

import static org.bytedeco.opencv.global.opencv_core.CV_32SC2;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.erode;
import static org.bytedeco.opencv.global.opencv_imgproc.fillPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;

import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/** Masks over the face crop as row-major bytes (non-zero = inside), drawn from landmark outlines. */
final class FaceMasks {

    /** The face oval is pulled in this much (px at 256 px face width) off its edge, where hair and background start. */
    static final int OVAL_INSET = 4;
    /** Eyes, brows and lips are grown this much, to leave out lashes, make-up edges and the lips' border. */
    static final int FEATURE_MARGIN = 6;
    private static final int SHIFT = 4; // sub-pixel outlines: coordinates × 16

    private FaceMasks() {
    }

    /** The face oval minus the eyes, brows and lips. */
    static byte[] skin(double[][] points, int width, int height) {
        Mat oval = mat(SkinRegions.outline(Mesh.FACE_OVAL, points), width, height);
        Mat inset = new Mat();
        erode(oval, inset, getStructuringElement(MORPH_ELLIPSE, new Size(2 * OVAL_INSET + 1, 2 * OVAL_INSET + 1)));
        Mat features = new Mat(height, width, CV_8U, Scalar.all(0));
        for (int[] feature : new int[][] {Mesh.RIGHT_EYE, Mesh.LEFT_EYE, Mesh.RIGHT_BROW, Mesh.LEFT_BROW, Mesh.LIPS}) {
            fill(features, SkinRegions.outline(feature, points));
        }
        Mat grown = new Mat();
        dilate(features, grown, getStructuringElement(MORPH_ELLIPSE, new Size(2 * FEATURE_MARGIN + 1, 2 * FEATURE_MARGIN + 1)));
        byte[] skin = bytes(inset, width * height);
        byte[] out = bytes(grown, width * height);
        for (int i = 0; i < skin.length; i++) if (out[i] != 0) skin[i] = 0;
        return skin;
    }

    static byte[] polygon(List<double[]> outline, int width, int height) {
        return bytes(mat(outline, width, height), width * height);
    }

    static byte[] and(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] != 0 && b[i] != 0 ? (byte) 255 : 0;
        return out;
    }

    static byte[] andNot(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] != 0 && b[i] == 0 ? (byte) 255 : 0;
        return out;
    }

    private static Mat mat(List<double[]> outline, int width, int height) {
        Mat mask = new Mat(height, width, CV_8U, Scalar.all(0));
        fill(mask, outline);
        return mask;
    }

    private static void fill(Mat mask, List<double[]> outline) {
        Mat points = new Mat(outline.size(), 1, CV_32SC2);
        try (IntIndexer p = points.createIndexer()) {
            for (int i = 0; i < outline.size(); i++) {
                p.put(i, 0, 0, (int) Math.round(outline.get(i)[0] * (1 << SHIFT)));
                p.put(i, 0, 1, (int) Math.round(outline.get(i)[1] * (1 << SHIFT)));
            }
        }
        try (MatVector polygons = new MatVector(points)) {
            fillPoly(mask, polygons, Scalar.all(255), LINE_8, SHIFT, new Point(0, 0));
        }
    }

    private static byte[] bytes(Mat mask, int count) {
        byte[] values = new byte[count];
        new BytePointer(mask.data()).get(values);
        return values;
    }
}

package dev.lightbox.skin.service;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromTFLite;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Net;

/**
 * MediaPipe Face Mesh ({@code models/face-mesh/face_landmark.tflite}) through OpenCV DNN: a square crop
 * around the face, turned upright, 192×192 RGB in [0, 1] → 468 landmarks (x, y, z in crop pixels) and a
 * face-presence logit. As MediaPipe does, a first pass from the detector's box and eyes is followed by a
 * second from the first pass's own landmarks (tighter and better centred). Nets are not thread-safe: one
 * per thread.
 */
final class FaceMesh {

    static final String MODEL = "/models/face-mesh/face_landmark.tflite";
    static final int INPUT = 192;
    static final int POINTS = 468;
    /** MediaPipe's crop: the face box (or the landmarks' extent) enlarged 1.5×, square. */
    static final double MARGIN = 1.5;

    /** Landmarks in the analysed image's pixels ({@code x[i], y[i]}; {@code z} in the same scale), presence 0..1. */
    record Landmarks(double[] x, double[] y, double[] z, double presence) {

        double[] point(int index) {
            return new double[] {x[index], y[index]};
        }

        /** The roll of the line from the person's right eye's outer corner to the left one's, radians (0 = level). */
        double roll() {
            return Math.atan2(y[Mesh.LEFT_EYE_OUTER] - y[Mesh.RIGHT_EYE_OUTER], x[Mesh.LEFT_EYE_OUTER] - x[Mesh.RIGHT_EYE_OUTER]);
        }

        /** The bounds of these points in the face's own level frame (turned by {@link #roll()}): centre in image pixels, width and height. */
        LevelBounds levelBounds(IntStream indices) {
            double roll = roll();
            double cos = Math.cos(roll);
            double sin = Math.sin(roll);
            double minU = Double.MAX_VALUE, maxU = -Double.MAX_VALUE, minV = Double.MAX_VALUE, maxV = -Double.MAX_VALUE;
            for (int i : indices.toArray()) {
                double u = x[i] * cos + y[i] * sin;
                double v = -x[i] * sin + y[i] * cos;
                minU = Math.min(minU, u);
                maxU = Math.max(maxU, u);
                minV = Math.min(minV, v);
                maxV = Math.max(maxV, v);
            }
            double mu = (minU + maxU) / 2;
            double mv = (minV + maxV) / 2;
            return new LevelBounds(mu * cos - mv * sin, mu * sin + mv * cos, maxU - minU, maxV - minV, roll);
        }
    }

    record LevelBounds(double centreX, double centreY, double width, double height, double roll) {
    }

    private final ThreadLocal<Net> net;

    FaceMesh(byte[] model) {
        Net first = load(model);
        this.net = ThreadLocal.withInitial(() -> load(model));
        this.net.set(first);
    }

    static FaceMesh bundled() {
        try (InputStream in = FaceMesh.class.getResourceAsStream(MODEL)) {
            if (in == null) throw new IllegalStateException("The bundled Face Mesh model " + MODEL + " is missing");
            return new FaceMesh(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("The bundled Face Mesh model could not be read: " + e.getMessage(), e);
        }
    }

    private static Net load(byte[] model) {
        Net loaded;
        try {
            loaded = readNetFromTFLite(model);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Face Mesh model could not be read: " + e.getMessage(), e);
        }
        if (loaded == null || loaded.empty()) throw new IllegalStateException("Face Mesh model could not be read");
        return outliving(loaded);
    }

    /** A net first loaded inside an analysis's {@link PointerScope} stays with its thread after the scope closes. */
    private static <P extends Pointer> P outliving(P pointer) {
        PointerScope scope = PointerScope.getInnerScope();
        if (scope != null) {
            pointer.retainReference();
            scope.detach(pointer);
        }
        return pointer;
    }

    /** Landmarks for the face in {@code box}: roll from the box's eyes when given, else from a first level pass. */
    Landmarks locate(Mat bgr, FaceBox box) {
        double cx = box.x() + box.w() / 2;
        double cy = box.y() + box.h() / 2;
        double side = Math.max(box.w(), box.h()) * MARGIN;
        double roll = 0;
        double[] right = box.rightEye();
        double[] left = box.leftEye();
        if (right != null && left != null && right.length >= 2 && left.length >= 2) roll = Math.atan2(left[1] - right[1], left[0] - right[0]);
        Landmarks first = run(bgr, Affine.centred(cx, cy, side / INPUT, roll, INPUT, INPUT));
        if (first.presence() < 0.5) return first;
        return refine(bgr, first);
    }

    /** Another pass on the square around the landmarks' own extent, turned by their eye line. */
    Landmarks refine(Mat bgr, Landmarks previous) {
        LevelBounds bounds = previous.levelBounds(IntStream.range(0, POINTS));
        double side = Math.max(bounds.width(), bounds.height()) * MARGIN;
        return run(bgr, Affine.centred(bounds.centreX(), bounds.centreY(), side / INPUT, bounds.roll(), INPUT, INPUT));
    }

    private Landmarks run(Mat bgr, Affine toImage) {
        Mat crop = toImage.crop(bgr, INPUT, INPUT);
        Mat blob = blobFromImage(crop, 1 / 255.0, new Size(INPUT, INPUT), Scalar.all(0), true, false, CV_32F);
        Net model = net.get();
        model.setInput(blob);
        float[] points = null;
        float logit = -100;
        try (MatVector outputs = new MatVector(); StringVector names = model.getUnconnectedOutLayersNames()) {
            model.forward(outputs, names);
            for (long i = 0; i < outputs.size(); i++) {
                Mat out = outputs.get(i);
                float[] values = new float[(int) out.total()];
                new FloatPointer(out.data()).get(values);
                if (values.length == POINTS * 3) points = values;
                else if (values.length == 1) logit = values[0];
            }
        }
        if (points == null) throw new IllegalStateException("Face Mesh answered without its 468 landmarks");
        double[] x = new double[POINTS];
        double[] y = new double[POINTS];
        double[] z = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            double[] p = toImage.toImage(points[3 * i], points[3 * i + 1]);
            x[i] = p[0];
            y[i] = p[1];
            z[i] = points[3 * i + 2] * toImage.scale();
        }
        return new Landmarks(x, y, z, 1 / (1 + Math.exp(-Math.clamp(logit, -100, 100))));
    }
}

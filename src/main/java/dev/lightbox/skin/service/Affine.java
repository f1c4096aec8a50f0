package dev.lightbox.skin.service;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.WARP_INVERSE_MAP;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A similarity transform from a crop's pixels (u, v) to an image's pixels: {@code x = a·u + b·v + c},
 * {@code y = d·u + e·v + f}. Built from a centre, the image pixels per crop pixel and a roll angle.
 */
record Affine(double a, double b, double c, double d, double e, double f) {

    /** The crop of {@code width × height} whose centre lands on (cx, cy), {@code scale} image pixels per crop pixel, turned by {@code roll} radians. */
    static Affine centred(double cx, double cy, double scale, double roll, int width, int height) {
        double cos = Math.cos(roll) * scale;
        double sin = Math.sin(roll) * scale;
        double u0 = width / 2.0;
        double v0 = height / 2.0;
        return new Affine(cos, -sin, cx - u0 * cos + v0 * sin, sin, cos, cy - u0 * sin - v0 * cos);
    }

    double[] toImage(double u, double v) {
        return new double[] {a * u + b * v + c, d * u + e * v + f};
    }

    double[] toCrop(double x, double y) {
        double det = a * e - b * d;
        double dx = x - c;
        double dy = y - f;
        return new double[] {(e * dx - b * dy) / det, (-d * dx + a * dy) / det};
    }

    double scale() {
        return Math.hypot(a, d);
    }

    /**
     * The crop itself, black outside the image. A crop much smaller than its source is first shrunk with area
     * averaging (a 12 MP face sampled bilinearly straight into 192 px would alias).
     */
    Mat crop(Mat image, int width, int height) {
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double[] corner : new double[][] {toImage(0, 0), toImage(width, 0), toImage(0, height), toImage(width, height)}) {
            minX = Math.min(minX, corner[0]);
            minY = Math.min(minY, corner[1]);
            maxX = Math.max(maxX, corner[0]);
            maxY = Math.max(maxY, corner[1]);
        }
        int x0 = (int) Math.max(0, Math.floor(minX) - 2);
        int y0 = (int) Math.max(0, Math.floor(minY) - 2);
        int x1 = (int) Math.min(image.cols(), Math.ceil(maxX) + 2);
        int y1 = (int) Math.min(image.rows(), Math.ceil(maxY) + 2);
        Mat out = new Mat(height, width, image.type(), Scalar.all(0));
        if (x1 - x0 < 2 || y1 - y0 < 2) return out;
        Mat roi = image.apply(new Rect(x0, y0, x1 - x0, y1 - y0));
        Affine local = new Affine(a, b, c - x0, d, e, f - y0);
        double shrink = scale();
        if (shrink > 1.5) {
            int w = Math.max(2, (int) Math.round(roi.cols() / shrink));
            int h = Math.max(2, (int) Math.round(roi.rows() / shrink));
            Mat small = new Mat();
            resize(roi, small, new Size(w, h), 0, 0, INTER_AREA);
            double sx = (double) w / roi.cols();
            double sy = (double) h / roi.rows();
            local = new Affine(local.a * sx, local.b * sx, (local.c + 0.5) * sx - 0.5, local.d * sy, local.e * sy, (local.f + 0.5) * sy - 0.5);
            roi = small;
        }
        Mat matrix = new Mat(2, 3, CV_64F);
        try (DoubleIndexer m = matrix.createIndexer()) {
            m.put(0, 0, local.a).put(0, 1, local.b).put(0, 2, local.c);
            m.put(1, 0, local.d).put(1, 1, local.e).put(1, 2, local.f);
        }
        warpAffine(roi, out, matrix, new Size(width, height), INTER_LINEAR | WARP_INVERSE_MAP, BORDER_CONSTANT, Scalar.all(0));
        return out;
    }
}

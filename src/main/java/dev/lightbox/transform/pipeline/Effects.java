package dev.lightbox.transform.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.blendLinear;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/** Shared operations of the built-in styles. */
final class Effects {

    /**
     * The long edge the heavy filters (stylization, detailEnhance, edge-preserving smoothing, pencilSketch)
     * run at; their sigma parameters are in pixels at this size, so a style looks alike on any photo size.
     */
    static final int EFFECT_EDGE = 1024;

    private Effects() {
    }

    /** {@code small} enlarged to {@code like}'s size, bilinear. */
    /**
     * {@code image} at the effect size: shrunk when larger, enlarged when smaller, so an effect whose parameters
     * are in pixels looks the same on the dialog's small preview as on the full photo.
     */
    static Mat atEffectSize(Mat image) {
        int longEdge = Math.max(image.cols(), image.rows());
        if (longEdge >= EFFECT_EDGE) return Images.fit(image, EFFECT_EDGE);
        double scale = (double) EFFECT_EDGE / longEdge;
        Mat out = new Mat();
        resize(image, out, new Size((int) Math.round(image.cols() * scale), (int) Math.round(image.rows() * scale)), 0, 0, INTER_LINEAR);
        return out;
    }

    static Mat upTo(Mat small, Mat like) {
        Mat out = new Mat();
        resize(small, out, new Size(like.cols(), like.rows()), 0, 0, INTER_LINEAR);
        return out;
    }

    /**
     * A soft matte 0..1 (32-bit float, {@code like}'s size) from an 8-bit mask: blurred by {@code sigma} (in
     * full-size pixels) at a reduced size, then enlarged, so its cost does not grow with the photo.
     */
    static Mat matte(Mat mask8, double sigma, Mat like) {
        try (Mat small = Images.fit(mask8, 1024); Mat soft = new Mat(); Mat big = new Mat()) {
            double scale = small.cols() / (double) mask8.cols();
            if (sigma * scale >= 0.3) {
                GaussianBlur(small, soft, new Size(0, 0), sigma * scale);
            } else {
                small.copyTo(soft);
            }
            resize(soft, big, new Size(like.cols(), like.rows()), 0, 0, INTER_LINEAR);
            Mat matte = new Mat();
            big.convertTo(matte, CV_32F, 1 / 255.0, 0);
            return matte;
        }
    }

    /** {@code a·weight + b·(1 − weight)} per pixel, weight a 32-bit float 0..1 matte. */
    static Mat blend(Mat a, Mat b, Mat weight) {
        try (Mat inverse = new Mat()) {
            weight.convertTo(inverse, CV_32F, -1, 1);
            Mat out = new Mat();
            blendLinear(a, b, weight, inverse, out);
            return out;
        }
    }
}

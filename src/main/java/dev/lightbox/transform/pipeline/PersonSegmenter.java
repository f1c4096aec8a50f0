package dev.lightbox.transform.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromTFLite;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;
import static org.bytedeco.opencv.global.opencv_ximgproc.guidedFilter;

import java.io.IOException;
import java.io.InputStream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_dnn.Net;

/**
 * People in a photo with MediaPipe Selfie Segmentation (the bundled {@code models/selfie-segmentation}) in
 * OpenCV DNN: the photo squashed to 256×256 RGB in [0, 1] (NCHW), one 256×256 person probability out. The
 * mask is then brought to the photo's size and refined along the person's outline by a guided filter with the
 * photo as guide (at a bounded size, so its cost does not grow with the photo), then kept as 8 bits.
 * Nets are not thread-safe: each thread reads its own copy of the model.
 */
public final class PersonSegmenter {

    static final String MODEL = "/models/selfie-segmentation/selfie_segmentation.tflite";
    static final int INPUT = 256;
    /** The long edge the guided filter runs at; the refined mask is then enlarged bilinearly. */
    static final int REFINE_EDGE = 1024;

    private final ThreadLocal<Net> net;

    PersonSegmenter(byte[] model) {
        Net first = load(model);
        this.net = ThreadLocal.withInitial(() -> load(model));
        this.net.set(first);
    }

    /** With the bundled model; fails when it is missing or unreadable. */
    public static PersonSegmenter bundled() {
        try (InputStream in = PersonSegmenter.class.getResourceAsStream(MODEL)) {
            if (in == null) throw new IllegalStateException("the bundled model " + MODEL + " is missing");
            return new PersonSegmenter(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("the bundled model " + MODEL + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static Net load(byte[] model) {
        Net loaded = readNetFromTFLite(model);
        if (loaded == null || loaded.empty()) throw new IllegalStateException("Selfie segmentation model could not be read");
        return Images.outliving(loaded);
    }

    /** The model's person probability, 256×256 32-bit float 0..1. */
    public Mat raw(Mat bgr) {
        try (Mat small = new Mat()) {
            resize(bgr, small, new Size(INPUT, INPUT), 0, 0, INTER_AREA);
            Mat blob = blobFromImage(small, 1 / 255.0, new Size(INPUT, INPUT), Scalar.all(0), true, false, CV_32F);
            Net model = net.get();
            model.setInput(blob);
            Mat out = model.forward();
            Mat mask = new Mat(INPUT, INPUT, CV_32F);
            try (Mat flat = out.reshape(1, INPUT)) {
                flat.copyTo(mask);
            }
            out.close();
            blob.close();
            return mask;
        }
    }

    /** The share of the photo the model calls a person (probability above one half), 0..1. */
    public static double personShare(Mat raw) {
        try (Mat binary = new Mat()) {
            threshold(raw, binary, 0.5, 1, THRESH_BINARY);
            return countNonZero(binary) / (double) (raw.cols() * raw.rows());
        }
    }

    /** The raw mask at {@code bgr}'s size, refined to its edges: 8-bit, 255 = person. */
    public Mat refine(Mat raw, Mat bgr) {
        try (Mat guide = Images.fit(bgr, REFINE_EDGE); Mat coarse = new Mat(); Mat refined = new Mat(); Mat small = new Mat()) {
            resize(raw, coarse, new Size(guide.cols(), guide.rows()), 0, 0, INTER_LINEAR);
            int radius = Math.max(2, Math.max(guide.cols(), guide.rows()) / 128);
            guidedFilter(guide, coarse, refined, radius, 1e-3 * 255 * 255);
            refined.convertTo(small, CV_8U, 255, 0); // saturating: the filter's small overshoots clamp to 0..255
            Mat mask = new Mat();
            resize(small, mask, new Size(bgr.cols(), bgr.rows()), 0, 0, INTER_LINEAR); // enlarged in 8 bits: a quarter of the memory traffic
            return mask;
        }
    }

    /** Both: the refined person mask of {@code bgr}. */
    public Mat mask(Mat bgr) {
        try (Mat raw = raw(bgr)) {
            return refine(raw, bgr);
        }
    }
}

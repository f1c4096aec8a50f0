package dev.lightbox.analysis.service;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Frontal faces with OpenCV's Haar cascade (alt2, shipped in the opencv jar): the fallback detector.
 * Boxes come back in the caller's (upright, original) pixel coordinates. Haar has no calibrated
 * confidence: {@code confidence} is 1 − e^(−w/4) of the cascade's level weight w, monotone in it.
 */
final class HaarFaceDetector implements FaceDetector {

    static final String NAME = "haar-alt2";

    private final ThreadLocal<CascadeClassifier> cascade;

    HaarFaceDetector(String cascadeFile) {
        this.cascade = ThreadLocal.withInitial(() -> {
            var classifier = new CascadeClassifier(cascadeFile);
            if (classifier.empty()) throw new IllegalStateException("Cannot load face cascade " + cascadeFile);
            return NativeScopes.outliving(classifier);
        });
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Map<String, Object>> detect(Mat bgr, double toOriginal) {
        var faces = new ArrayList<Map<String, Object>>();
        try (Mat gray = new Mat(); RectVector boxes = new RectVector(); IntPointer levels = new IntPointer(); DoublePointer weights = new DoublePointer()) {
            cvtColor(bgr, gray, COLOR_BGR2GRAY);
            equalizeHist(gray, gray);
            int minSide = Math.max(20, Math.min(gray.cols(), gray.rows()) / 20);
            cascade.get().detectMultiScale3(gray, boxes, levels, weights, 1.1, 5, 0, new Size(minSide, minSide), new Size(), true);
            for (long i = 0; i < boxes.size(); i++) {
                var box = boxes.get(i);
                double weight = i < weights.limit() ? weights.get(i) : 0;
                faces.add(Map.of(
                        "x", (int) Math.round(box.x() * toOriginal), "y", (int) Math.round(box.y() * toOriginal),
                        "w", (int) Math.round(box.width() * toOriginal), "h", (int) Math.round(box.height() * toOriginal),
                        "confidence", PhotoAnalyzer.round(1 - Math.exp(-Math.max(0, weight) / 4))));
            }
        }
        return faces;
    }
}

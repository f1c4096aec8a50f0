package dev.lightbox.analysis.service;

import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/** The real BlazeFace detector for tests in other modules (the skin analysis gets its face boxes from it). */
public final class BlazeFaceForTests {

    private static final FaceDetector DETECTOR = AnalysisConfiguration.chooseFaceDetector("");

    private BlazeFaceForTests() {
    }

    /** Faces as stored in the attributes: {@code x, y, w, h, confidence, rightEye, leftEye} in {@code bgr}'s pixels. */
    public static List<Map<String, Object>> detect(Mat bgr) {
        if (!BlazeFaceDetector.NAME.equals(DETECTOR.name())) throw new IllegalStateException("BlazeFace did not load");
        return DETECTOR.detect(bgr, 1.0);
    }
}

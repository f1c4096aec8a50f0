package dev.lightbox.analysis.service;

import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/** Finds faces in an upright BGR working copy. Implementations are safe to call from several threads. */
interface FaceDetector {

    /** Stored with the attributes ({@code faceDetector}), so results say which detector found them. */
    String name();

    /**
     * Faces in {@code bgr} as {@code {x, y, w, h, confidence}}, scaled by {@code toOriginal} into the
     * photo's upright original pixels, most confident first.
     */
    List<Map<String, Object>> detect(Mat bgr, double toOriginal);
}

package dev.lightbox.analysis.service;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Faces in an upright BGR image of any size, as rectangles in that image's pixels, most confident first: the
 * analysis's face detector (BlazeFace, or Haar when its model does not load) on a copy shrunk to the analysis's
 * working size, as the analysis sees the photo. Safe to call from several threads.
 */
public final class FaceFinder {

    private final FaceDetector detector;

    FaceFinder(FaceDetector detector) {
        this.detector = detector;
    }

    /** With the bundled BlazeFace model (for code that runs without Spring: benches, the command line). */
    public static FaceFinder bundled() {
        return new FaceFinder(ContentAnalyzer.chooseFaceDetector(""));
    }

    public String detectorName() {
        return detector.name();
    }

    public List<Rect> find(Mat bgr) {
        double scale = Math.min(1.0, Math.sqrt((double) ContentAnalyzer.WORKING_PIXELS / ((long) bgr.cols() * bgr.rows())));
        List<Map<String, Object>> found;
        if (scale < 1.0) {
            try (Mat small = new Mat()) {
                resize(bgr, small, new Size(Math.max(1, (int) Math.round(bgr.cols() * scale)), Math.max(1, (int) Math.round(bgr.rows() * scale))),
                        0, 0, INTER_AREA);
                found = detector.detect(small, bgr.cols() / (double) small.cols());
            }
        } else {
            found = detector.detect(bgr, 1.0);
        }
        var faces = new ArrayList<Rect>(found.size());
        for (Map<String, Object> face : found) {
            faces.add(new Rect(coordinate(face, "x"), coordinate(face, "y"), coordinate(face, "w"), coordinate(face, "h")));
        }
        return faces;
    }

    private static int coordinate(Map<String, Object> face, String key) {
        return ((Number) Objects.requireNonNull(face.get(key), key)).intValue();
    }
}

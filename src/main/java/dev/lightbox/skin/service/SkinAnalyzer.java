package dev.lightbox.skin.service;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.springframework.stereotype.Component;

/** TEMPORARY stub of helper A's analyser (rough numbers from the face box), replaced when skin-analysis is merged. */
@Component
class SkinAnalyzer {

    static final int VERSION = 1;

    SkinOutcome analyse(Mat uprightBgr, List<FaceBox> faces) {
        FaceBox face = faces.stream().max(Comparator.comparingDouble(f -> f.w() * f.h())).orElse(null);
        if (face == null) return new SkinOutcome.Refused(CheckinStatus.NO_FACE, "No face was found in this photo.");
        if (face.w() < 120) return new SkinOutcome.Refused(CheckinStatus.FACE_TOO_SMALL, "The face is too small to measure.");
        int x = (int) Math.max(0, face.x()), y = (int) Math.max(0, face.y());
        int w = (int) Math.min(uprightBgr.cols() - x, face.w()), h = (int) Math.min(uprightBgr.rows() - y, face.h());
        try (Mat crop = uprightBgr.apply(new Rect(x, y, w, h)).clone(); BytePointer jpeg = new BytePointer()) {
            imencode(".jpg", crop, jpeg);
            byte[] bytes = new byte[(int) jpeg.limit()];
            jpeg.get(bytes);
            double mean = org.bytedeco.opencv.global.opencv_core.mean(crop).get(2);
            var values = new SkinValues(mean / 10, 1, 0.5, 0.1, 0.05);
            var regions = new EnumMap<SkinRegion, SkinValues>(SkinRegion.class);
            var polygons = new EnumMap<SkinRegion, List<double[]>>(SkinRegion.class);
            for (SkinRegion region : SkinRegion.values()) {
                regions.put(region, values);
                polygons.put(region, List.of(new double[] {0, 0}, new double[] {w, 0}, new double[] {w, h}));
            }
            return new SkinOutcome.Measured(values, Map.copyOf(regions), new SkinDetails(0.1, 0.01, (int) face.w(), 1, 1, 1, 1), bytes, bytes,
                    w, h, Map.copyOf(polygons));
        }
    }
}

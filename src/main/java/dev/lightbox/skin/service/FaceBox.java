package dev.lightbox.skin.service;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A face found by the photo analysis, in the analysed image's own pixels: the box, its confidence and, when
 * the detector gave them, the eyes as {@code {x, y}} (the person's right eye is on the image's left).
 */
public record FaceBox(double x, double y, double w, double h, double confidence, double @Nullable [] rightEye,
                      double @Nullable [] leftEye) {

    /**
     * One stored {@code faces} attribute entry ({@code x, y, w, h, confidence}, optional {@code rightEye},
     * {@code leftEye} as {@code [x, y]}), multiplied by {@code scale} into the pixels of the image to analyse.
     */
    public static FaceBox fromStored(Map<?, ?> face, double scale) {
        return new FaceBox(number(face.get("x")) * scale, number(face.get("y")) * scale, number(face.get("w")) * scale,
                number(face.get("h")) * scale, number(face.get("confidence")), point(face.get("rightEye"), scale),
                point(face.get("leftEye"), scale));
    }

    double area() {
        return w * h;
    }

    /** A real box (finite, not empty) overlapping an image of {@code width × height}. */
    boolean within(int width, int height) {
        boolean finite = Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(w) && Double.isFinite(h);
        return finite && w > 0 && h > 0 && x < width && y < height && x + w > 0 && y + h > 0;
    }

    private static double number(@Nullable Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private static double @Nullable [] point(@Nullable Object value, double scale) {
        if (value instanceof List<?> xy && xy.size() == 2 && xy.get(0) instanceof Number x && xy.get(1) instanceof Number y) {
            return new double[] {x.doubleValue() * scale, y.doubleValue() * scale};
        }
        return null;
    }
}

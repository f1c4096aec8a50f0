package dev.lightbox.training.service;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.lightbox.library.service.PhotoAdded;
import dev.lightbox.library.service.PhotoService;
import java.io.IOException;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A photo as a model input: the upright original decoded small, its shorter side scaled to the input size
 * and the centre cropped square, RGB, values 0..1, channels first (CHW), then standardised per image (each
 * channel minus its own mean, all divided by one deviation pooled over the channels): a shape reads the
 * same whatever its colours and the light. Training and classifying use this one definition; a saved
 * model's input.json records {@link #SPEC}, and models saved before standardisation
 * ({@link #UNSTANDARDISED_SPEC}) are still fed without it.
 */
final class ImageTensors {

    static final String UNSTANDARDISED_SPEC = "RGB, 0..1, CHW, shorter side scaled to the input size then centre-cropped square";
    static final String SPEC = UNSTANDARDISED_SPEC + ", then standardised per image (each channel minus its mean, all divided by the deviation pooled over the channels, at least 0.01)";
    private static final double MIN_DEVIATION = 0.01;

    private ImageTensors() {
    }

    /** Fills {@code into} at {@code offset} with 3 × size × size values. */
    static void load(PhotoService photos, PhotoAdded photo, int size, float[] into, int offset) throws IOException {
        try (Mat bgr = photos.workingCopy(photo.sha256(), photo.format(), photo.sizeBytes(), photo.storedWidth(), photo.storedHeight(),
                photo.orientation(), (long) size * size * 16)) {
            fromBgr(bgr, size, into, offset);
        }
    }

    /**
     * Standardises the 3 × size × size values at {@code offset}: each channel minus its own mean, all divided
     * by one deviation pooled over the three (a channel in which shape and ground barely differ stays
     * small instead of being blown up to noise).
     */
    static void standardise(float[] values, int offset, int size) {
        int plane = size * size;
        double squares = 0;
        for (int c = 0; c < 3; c++) {
            int from = offset + c * plane;
            double sum = 0;
            for (int i = from; i < from + plane; i++) sum += values[i];
            float mean = (float) (sum / plane);
            for (int i = from; i < from + plane; i++) {
                values[i] -= mean;
                squares += (double) values[i] * values[i];
            }
        }
        float deviation = (float) Math.max(MIN_DEVIATION, Math.sqrt(squares / (3.0 * plane)));
        for (int i = offset; i < offset + 3 * plane; i++) values[i] /= deviation;
    }

    static void fromBgr(Mat bgr, int size, float[] into, int offset) {
        double scale = (double) size / Math.min(bgr.cols(), bgr.rows());
        int width = Math.max(size, (int) Math.round(bgr.cols() * scale));
        int height = Math.max(size, (int) Math.round(bgr.rows() * scale));
        try (Mat scaled = new Mat(); Mat rgb = new Mat(); Mat values = new Mat()) {
            resize(bgr, scaled, new Size(width, height), 0, 0, INTER_AREA);
            try (Mat crop = scaled.apply(new Rect((width - size) / 2, (height - size) / 2, size, size))) {
                cvtColor(crop, rgb, COLOR_BGR2RGB);
            }
            rgb.convertTo(values, CV_32F, 1 / 255.0, 0);
            try (FloatIndexer pixels = values.createIndexer()) {
                int plane = size * size;
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        for (int c = 0; c < 3; c++) into[offset + c * plane + y * size + x] = pixels.get(y, x, c);
                    }
                }
            }
        }
    }
}

package dev.lightbox.transform.pipeline;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.jspecify.annotations.Nullable;

/**
 * What the analysing steps found, handed to the generate step. All images but {@code edges} and {@code reference} are the
 * upright working copy's size: {@code image} 8-bit BGR, {@code personMask} 8-bit 0..255 (255 = person; all 0 when nobody),
 * {@code edges} 8-bit Canny edges (255 = edge) at the effect size
 * ({@link Effects#EFFECT_EDGE} long edge, or the photo's size when it is smaller), {@code depth} 32-bit float 0..1 (1 = near) or null without a depth model,
 * {@code reference} the reference photo (BGR, its own size) or null. {@code checkpoint} reports progress
 * inside generate and throws when the transform was cancelled.
 */
public record GenerateInput(
        Mat image, Mat personMask, Mat edges, @Nullable Mat depth, @Nullable Mat reference, List<Rect> faces,
        StyleRequest request, Checkpoint checkpoint) {

    /** Progress inside generate (0..1) with a message; throws when the transform was cancelled. */
    public interface Checkpoint {
        void reached(double fraction, String message);
    }
}

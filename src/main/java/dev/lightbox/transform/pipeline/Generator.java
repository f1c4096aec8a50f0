package dev.lightbox.transform.pipeline;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The pluggable generate step: a built-in style or an installed ONNX model. Returns a new 8-bit BGR image
 * the size of {@code input.image()}; calls {@code input.checkpoint()} between its phases so a cancel is
 * honoured inside generate.
 */
public interface Generator {

    Mat generate(GenerateInput input) throws Exception;

    /** Whether {@link GenerateInput#depth()} is read: the installed depth model runs only for a generator that does. */
    default boolean usesDepth() {
        return false;
    }
}

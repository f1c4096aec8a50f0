package dev.lightbox.transform.pipeline;

import org.bytedeco.opencv.opencv_core.Mat;

/** An installed depth model: 8-bit BGR in, 32-bit float depth 0..1 (1 = near) of the same size out. */
public interface DepthEstimator {

    String name();

    Mat estimate(Mat bgr) throws Exception;
}

package dev.lightbox.transform.service;

import dev.lightbox.transform.pipeline.DepthEstimator;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * An installed depth model: its one-channel output min–max normalised to 0..1 and resized to the image. The
 * model must answer larger for nearer (relative inverse depth, as MiDaS-style models do), so 1 = near.
 */
final class OnnxDepthEstimator implements DepthEstimator {

    private final OnnxModelRegistry registry;
    private final InstalledModel model;

    OnnxDepthEstimator(OnnxModelRegistry registry, InstalledModel model) {
        this.registry = registry;
        this.model = model;
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public Mat estimate(Mat bgr) throws Exception {
        ModelTensors.Output output = registry.run(model, ModelTensors.input(bgr, model.spec()));
        Mat map = ModelTensors.depthMap(output);
        if (map.cols() == bgr.cols() && map.rows() == bgr.rows()) return map;
        try (map) {
            var resized = new Mat();
            opencv_imgproc.resize(map, resized, bgr.size(), 0, 0, opencv_imgproc.INTER_LINEAR);
            return resized;
        }
    }
}

package dev.lightbox.transform.service;

import dev.lightbox.transform.pipeline.GenerateInput;
import dev.lightbox.transform.pipeline.Generator;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * An installed style model as the generate step: the working image resized to the model's input size and
 * normalised as its spec says, run, read back, and resized to the working size. Cancel is honoured before and
 * after the inference (one inference cannot be interrupted).
 */
final class OnnxGenerator implements Generator {

    private final OnnxModelRegistry registry;
    private final InstalledModel model;

    OnnxGenerator(OnnxModelRegistry registry, InstalledModel model) {
        this.registry = registry;
        this.model = model;
    }

    @Override
    public Mat generate(GenerateInput input) throws Exception {
        Mat image = input.image();
        input.checkpoint().reached(0.05, "Preparing the image for model " + model.name() + "…");
        var tensor = ModelTensors.input(image, model.spec());
        input.checkpoint().reached(0.1, "Running model " + model.name() + "…");
        ModelTensors.Output output = registry.run(model, tensor);
        input.checkpoint().reached(0.9, "Reading the model's output…");
        Mat generated = ModelTensors.styleImage(output, model.spec());
        if (generated.cols() == image.cols() && generated.rows() == image.rows()) return generated;
        try (generated) {
            var resized = new Mat();
            opencv_imgproc.resize(generated, resized, image.size(), 0, 0, opencv_imgproc.INTER_CUBIC);
            return resized;
        }
    }
}

package dev.lightbox.transform.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * The admin-installed ONNX models as the pipeline sees them: style models (as {@code onnx:<name>} styles
 * with their generator) and at most one depth model. Implemented by the model registry.
 */
public interface InstalledModels {

    /** No installed models: what the pipeline uses until the registry exists. */
    InstalledModels NONE = new InstalledModels() {
        @Override
        public List<StyleInfo> styles() {
            return List.of();
        }

        @Override
        public Optional<Generator> generator(String modelName) {
            return Optional.empty();
        }

        @Override
        public Optional<DepthEstimator> depth() {
            return Optional.empty();
        }
    };

    List<StyleInfo> styles();

    Optional<Generator> generator(String modelName);

    Optional<DepthEstimator> depth();
}

package dev.lightbox.transform.pipeline;

import static org.bytedeco.opencv.global.opencv_photo.stylization;

import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code watercolor}: OpenCV's {@code stylization} (edge-aware smoothing with darkened edges), run at the
 * effect size ({@link Effects#EFFECT_EDGE}) and enlarged: the effect removes fine detail by design, so the
 * enlarged result loses nothing the style keeps.
 */
final class WatercolorStyle implements BuiltInStyle {

    static final ParamSpec SMOOTHING = ParamReader.number("smoothing", "Smoothing", 60, 1, 200, 1,
            "Spatial extent of the smoothing (stylization sigma_s), in pixels at the effect size (1024 px long edge).");
    static final ParamSpec RANGE = ParamReader.number("range", "Colour range", 0.45, 0.05, 1, 0.05,
            "How different colours may be and still be smoothed together (sigma_r).");

    static final ValidationBounds BOUNDS = new ValidationBounds(1.0, 0.5);

    private static final StyleInfo INFO = new StyleInfo("watercolor", "Watercolour",
            "Paints the photo in flat washes of colour with darker edges.", true, List.of(SMOOTHING, RANGE));

    @Override
    public StyleInfo info() {
        return INFO;
    }

    @Override
    public CheckedStyle check(@Nullable JsonNode params) {
        var reader = new ParamReader(INFO.params(), params);
        var typed = new Params(reader.number(SMOOTHING), reader.number(RANGE));
        return new CheckedStyle(INFO.id(), reader.checked(), Optional.empty(), typed, BOUNDS);
    }

    record Params(double smoothing, double range) implements Generator {

        @Override
        public Mat generate(GenerateInput in) {
            in.checkpoint().reached(0.1, "Painting…");
            try (Mat small = Images.fit(in.image(), Effects.EFFECT_EDGE); Mat painted = new Mat()) {
                stylization(small, painted, (float) smoothing, (float) range);
                in.checkpoint().reached(0.8, "Enlarging…");
                return Effects.upTo(painted, in.image());
            }
        }
    }
}

package dev.lightbox.transform.pipeline;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_photo.pencilSketch;

import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** {@code pencil}: OpenCV's {@code pencilSketch}, grey or in colour, at the effect size and enlarged. */
final class PencilStyle implements BuiltInStyle {

    static final ParamSpec MODE = ParamReader.choice("mode", "Pencil", "grey", List.of("grey", "colour"), "Grey graphite or coloured pencils.");
    static final ParamSpec SMOOTHING = ParamReader.number("smoothing", "Smoothing", 60, 1, 200, 1,
            "Spatial extent of the smoothing before the strokes (sigma_s), in pixels at the effect size.");
    static final ParamSpec RANGE = ParamReader.number("range", "Colour range", 0.07, 0.01, 0.5, 0.01,
            "How different tones may be and still be smoothed together (sigma_r): lower draws more lines.");
    static final ParamSpec SHADE = ParamReader.number("shade", "Shading", 0.03, 0, 0.1, 0.005, "Darkness of the shading (shade_factor).");

    static final ValidationBounds BOUNDS = new ValidationBounds(0.0, 0.25);

    private static final StyleInfo INFO = new StyleInfo("pencil", "Pencil sketch", "Draws the photo as a pencil sketch.", true,
            List.of(MODE, SMOOTHING, RANGE, SHADE));

    @Override
    public StyleInfo info() {
        return INFO;
    }

    @Override
    public CheckedStyle check(@Nullable JsonNode params) {
        var reader = new ParamReader(INFO.params(), params);
        var typed = new Params(reader.choice(MODE).equals("colour"), reader.number(SMOOTHING), reader.number(RANGE), reader.number(SHADE));
        return new CheckedStyle(INFO.id(), reader.checked(), Optional.empty(), typed, BOUNDS);
    }

    record Params(boolean colour, double smoothing, double range, double shade) implements Generator {

        @Override
        public Mat generate(GenerateInput in) {
            in.checkpoint().reached(0.1, "Sketching…");
            try (Mat small = Effects.atEffectSize(in.image()); Mat grey = new Mat(); Mat coloured = new Mat(); Mat chosen = new Mat()) {
                pencilSketch(small, grey, coloured, (float) smoothing, (float) range, (float) shade);
                if (colour) {
                    coloured.copyTo(chosen);
                } else {
                    cvtColor(grey, chosen, COLOR_GRAY2BGR);
                }
                in.checkpoint().reached(0.8, "Resizing…");
                return Effects.upTo(chosen, in.image());
            }
        }
    }
}

package dev.lightbox.transform.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.LUT;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY_INV;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;
import static org.bytedeco.opencv.global.opencv_photo.RECURS_FILTER;
import static org.bytedeco.opencv.global.opencv_photo.edgePreservingFilter;

import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code cartoon}: edge-preserving smoothing (recursive domain-transform filter), colour quantisation to
 * {@code colours} levels per channel, and dark outlines from the edges step, all at the effect size; the result is enlarged
 * (flat colour regions and outlines enlarge cleanly).
 */
final class CartoonStyle implements BuiltInStyle {

    static final ParamSpec COLOURS = ParamReader.number("colours", "Colour levels", 6, 2, 32, 1, "Levels per colour channel after quantisation.");
    static final ParamSpec SMOOTHING = ParamReader.number("smoothing", "Smoothing", 60, 1, 200, 1,
            "Spatial extent of the edge-preserving smoothing (sigma_s), in pixels at the effect size.");
    static final ParamSpec OUTLINE = ParamReader.number("outline", "Outline width", 2, 0, 6, 1,
            "Width of the dark outlines in pixels at the effect size (0: no outlines).");

    static final ValidationBounds BOUNDS = new ValidationBounds(1.0, 0.45);

    private static final StyleInfo INFO = new StyleInfo("cartoon", "Cartoon", "Flat colours with dark outlines.", true,
            List.of(COLOURS, SMOOTHING, OUTLINE));

    @Override
    public StyleInfo info() {
        return INFO;
    }

    @Override
    public CheckedStyle check(@Nullable JsonNode params) {
        var reader = new ParamReader(INFO.params(), params);
        var typed = new Params((int) Math.round(reader.number(COLOURS)), reader.number(SMOOTHING), (int) Math.round(reader.number(OUTLINE)));
        return new CheckedStyle(INFO.id(), reader.checked(), Optional.empty(), typed, BOUNDS);
    }

    record Params(int colours, double smoothing, int outline) implements Generator {

        @Override
        public Mat generate(GenerateInput in) {
            in.checkpoint().reached(0.1, "Smoothing…");
            try (Mat small = Images.fit(in.image(), Effects.EFFECT_EDGE); Mat smooth = new Mat(); Mat flat = new Mat();
                 Mat table = levels(colours)) {
                edgePreservingFilter(small, smooth, RECURS_FILTER, (float) smoothing, 0.4f);
                in.checkpoint().reached(0.5, "Reducing the colours…");
                LUT(smooth, table, flat);
                if (outline > 0) {
                    in.checkpoint().reached(0.7, "Drawing the outlines…");
                    try (Mat lines = Images.sizedLike(in.edges(), small); Mat kernel = getStructuringElement(MORPH_ELLIPSE, new Size(outline, outline));
                         Mat thick = new Mat()) {
                        dilate(lines, thick, kernel);
                        flat.setTo(new Mat(1, 1, org.bytedeco.opencv.global.opencv_core.CV_8UC3, new Scalar(20, 20, 20, 0)), thick);
                    }
                }
                return Effects.upTo(flat, in.image());
            }
        }

        /** A lookup table putting each 0..255 value at the middle of its level. */
        private static Mat levels(int colours) {
            Mat table = new Mat(1, 256, CV_8U);
            double step = 256.0 / colours;
            try (UByteIndexer index = table.createIndexer()) {
                for (int v = 0; v < 256; v++) index.put(0, v, (int) Math.min(255, Math.floor(v / step) * step + step / 2));
            }
            return table;
        }
    }
}

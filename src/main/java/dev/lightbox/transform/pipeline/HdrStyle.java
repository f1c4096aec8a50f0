package dev.lightbox.transform.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_16S;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_photo.detailEnhance;

import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code hdr}: OpenCV's {@code detailEnhance} at the effect size; what it changed (its tone and local-contrast
 * layer, enlarged) is added to the full-size photo, whose own fine detail is boosted by {@code detail} (an
 * unsharp mask at full size), so the result keeps every pixel of the original's sharpness.
 */
final class HdrStyle implements BuiltInStyle {

    static final ParamSpec SMOOTHING = ParamReader.number("smoothing", "Smoothing", 10, 1, 200, 1,
            "Spatial extent of the base layer (detailEnhance sigma_s), in pixels at the effect size.");
    static final ParamSpec RANGE = ParamReader.number("range", "Colour range", 0.15, 0.01, 1, 0.01,
            "How different tones may be and still belong to one base region (sigma_r).");
    static final ParamSpec DETAIL = ParamReader.number("detail", "Fine detail", 0.5, 0, 2, 0.1,
            "Extra gain on the full-size photo's finest detail (0: none).");

    static final ValidationBounds BOUNDS = new ValidationBounds(1.0, 0.5);

    private static final StyleInfo INFO = new StyleInfo("hdr", "HDR look", "Brings out local contrast and detail.", true,
            List.of(SMOOTHING, RANGE, DETAIL));

    @Override
    public StyleInfo info() {
        return INFO;
    }

    @Override
    public CheckedStyle check(@Nullable JsonNode params) {
        var reader = new ParamReader(INFO.params(), params);
        var typed = new Params(reader.number(SMOOTHING), reader.number(RANGE), reader.number(DETAIL));
        return new CheckedStyle(INFO.id(), reader.checked(), Optional.empty(), typed, BOUNDS);
    }

    record Params(double smoothing, double range, double detail) implements Generator {

        @Override
        public Mat generate(GenerateInput in) {
            Mat image = in.image();
            in.checkpoint().reached(0.1, "Enhancing local contrast…");
            try (Mat small = Images.fit(image, Effects.EFFECT_EDGE); Mat enhanced = new Mat(); Mat change = new Mat();
                 Mat small16 = new Mat(); Mat enhanced16 = new Mat()) {
                detailEnhance(small, enhanced, (float) smoothing, (float) range);
                small.convertTo(small16, CV_16S);
                enhanced.convertTo(enhanced16, CV_16S);
                subtract(enhanced16, small16, change);
                in.checkpoint().reached(0.6, "Applying it at full size…");
                try (Mat changeBig = Effects.upTo(change, image); Mat sharpened = new Mat(); Mat sum = new Mat()) {
                    if (detail > 0) {
                        in.checkpoint().reached(0.8, "Sharpening fine detail…");
                        try (Mat blurred = new Mat()) {
                            GaussianBlur(image, blurred, new Size(0, 0), 1.5);
                            addWeighted(image, 1 + detail, blurred, -detail, 0, sharpened, CV_16S); // image + detail·(image − blurred)
                        }
                    } else {
                        image.convertTo(sharpened, CV_16S);
                    }
                    add(sharpened, changeBig, sum);
                    Mat out = new Mat();
                    sum.convertTo(out, CV_8U);
                    return out;
                }
            }
        }
    }
}

package dev.lightbox.transform.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code background}: the person kept, everything else replaced by a colour or by another of the user's
 * photos (scaled to cover the frame, centred), joined along a soft matte edge.
 */
final class BackgroundStyle implements BuiltInStyle {

    static final ParamSpec COLOUR = ParamReader.colour("colour", "Colour", "#ffffff", "The new background's colour, #rrggbb (used without a photo).");
    static final ParamSpec PHOTO = ParamReader.photo("photoId", "Photo", false,
            "One of your photos to use as the background instead of the colour; it is scaled to cover the frame.");
    static final ParamSpec FEATHER = ParamReader.number("feather", "Edge softness", 2, 0, 20, 0.5,
            "Softness of the person's outline, in thousandths of the long edge.");

    static final ValidationBounds BOUNDS = new ValidationBounds(1.0, 0.3);

    private static final StyleInfo INFO = new StyleInfo("background", "Background",
            "Replaces the background behind the person with a colour or another of your photos.", true, List.of(COLOUR, PHOTO, FEATHER));

    @Override
    public StyleInfo info() {
        return INFO;
    }

    @Override
    public CheckedStyle check(@Nullable JsonNode params) {
        var reader = new ParamReader(INFO.params(), params);
        double[] bgr = reader.colour(COLOUR);
        Optional<UUID> photo = reader.photo(PHOTO);
        var typed = new Params(bgr[0], bgr[1], bgr[2], photo.isPresent(), reader.number(FEATHER));
        return new CheckedStyle(INFO.id(), reader.checked(), photo, typed, BOUNDS);
    }

    record Params(double blue, double green, double red, boolean usePhoto, double feather) implements Generator {

        @Override
        public Mat generate(GenerateInput in) {
            Mat image = in.image();
            Mat reference = in.reference();
            if (usePhoto && reference == null) throw new IllegalStateException("The background photo was not provided.");
            in.checkpoint().reached(0.2, usePhoto ? "Fitting the background photo…" : "Painting the background…");
            try (Mat background = reference != null && usePhoto ? cover(reference, image.cols(), image.rows())
                    : new Mat(image.rows(), image.cols(), CV_8UC3, new Scalar(blue, green, red, 0));
                 Mat matte = Effects.matte(in.personMask(), feather / 1000 * Math.max(image.cols(), image.rows()), image)) {
                in.checkpoint().reached(0.6, "Placing the person on the new background…");
                return Effects.blend(image, background, matte);
            }
        }
    }

    /** {@code source} scaled to cover width × height (the smallest scale that fills it), centred, cropped. */
    static Mat cover(Mat source, int width, int height) {
        double scale = Math.max(width / (double) source.cols(), height / (double) source.rows());
        int scaledWidth = Math.max(width, (int) Math.ceil(source.cols() * scale));
        int scaledHeight = Math.max(height, (int) Math.ceil(source.rows() * scale));
        try (Mat scaled = new Mat()) {
            resize(source, scaled, new Size(scaledWidth, scaledHeight), 0, 0, scale < 1 ? INTER_AREA : INTER_LINEAR);
            try (Mat crop = scaled.apply(new Rect((scaledWidth - width) / 2, (scaledHeight - height) / 2, width, height))) {
                return crop.clone();
            }
        }
    }
}

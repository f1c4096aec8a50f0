package dev.lightbox.transform.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_core.transform;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2Lab;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_Lab2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code color-match}: Reinhard et al.'s colour transfer: in Lab, each channel of the photo is shifted and
 * scaled so its mean and standard deviation become the reference photo's ({@code strength} of the way). The
 * statistics come from 512 px copies (the reference is decoded reduced, see {@link Images#decodeReduced}); the transfer itself is one per-pixel affine map at full size.
 */
final class ColorMatchStyle implements BuiltInStyle {

    static final ParamSpec PHOTO = ParamReader.photo("photoId", "Reference photo", true, "One of your photos whose colours to take.");
    static final ParamSpec STRENGTH = ParamReader.number("strength", "Strength", 1, 0, 1, 0.05,
            "How far to move towards the reference's colours (1: all the way).");

    static final ValidationBounds BOUNDS = new ValidationBounds(1.0, 0.6);

    private static final StyleInfo INFO = new StyleInfo("color-match", "Colour match",
            "Gives the photo the colours and tones of another of your photos.", true, List.of(PHOTO, STRENGTH));

    @Override
    public StyleInfo info() {
        return INFO;
    }

    @Override
    public CheckedStyle check(@Nullable JsonNode params) {
        var reader = new ParamReader(INFO.params(), params);
        Optional<UUID> photo = reader.photo(PHOTO);
        var typed = new Params(reader.number(STRENGTH));
        return new CheckedStyle(INFO.id(), reader.checked(), photo, typed, BOUNDS);
    }

    record Params(double strength) implements Generator {

        @Override
        public Mat generate(GenerateInput in) {
            Mat reference = in.reference();
            if (reference == null) throw new IllegalStateException("The reference photo was not provided.");
            in.checkpoint().reached(0.1, "Measuring the colours…");
            double[][] source = labStatistics(in.image());
            double[][] target = labStatistics(reference);
            try (Mat map = new Mat(3, 4, CV_64F); Mat lab = new Mat(); Mat moved = new Mat()) {
                try (DoubleIndexer m = map.createIndexer()) {
                    for (int c = 0; c < 3; c++) {
                        double gain = target[1][c] / Math.max(1.0, source[1][c]);
                        double scale = strength * gain + (1 - strength);
                        double offset = strength * (target[0][c] - source[0][c] * gain);
                        for (int k = 0; k < 4; k++) m.put(c, k, 0);
                        m.put(c, c, scale);
                        m.put(c, 3, offset);
                    }
                }
                in.checkpoint().reached(0.4, "Transferring the colours…");
                cvtColor(in.image(), lab, COLOR_BGR2Lab);
                transform(lab, moved, map);
                Mat out = new Mat();
                cvtColor(moved, out, COLOR_Lab2BGR);
                return out;
            }
        }

        /** [means, standard deviations] of the 8-bit Lab channels of a 512 px copy. */
        private static double[][] labStatistics(Mat bgr) {
            try (Mat small = Images.fit(bgr, 512); Mat lab = new Mat(); Mat mean = new Mat(); Mat deviation = new Mat()) {
                cvtColor(small, lab, COLOR_BGR2Lab);
                meanStdDev(lab, mean, deviation);
                double[][] stats = new double[2][3];
                try (DoubleIndexer m = mean.createIndexer(); DoubleIndexer d = deviation.createIndexer()) {
                    for (int c = 0; c < 3; c++) {
                        stats[0][c] = m.get(c, 0);
                        stats[1][c] = d.get(c, 0);
                    }
                }
                return stats;
            }
        }
    }
}

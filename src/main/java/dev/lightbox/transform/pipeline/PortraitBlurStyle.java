package dev.lightbox.transform.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_core.minMaxLoc;
import static org.bytedeco.opencv.global.opencv_imgproc.DIST_L2;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY_INV;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_TRUNC;
import static org.bytedeco.opencv.global.opencv_imgproc.distanceTransform;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code portrait-blur}: the background blurred more the farther it is from the person (a mild blur next to
 * them growing to the full blur over {@code falloff}), the person kept sharp behind a soft matte edge. With an
 * installed depth model the blur grows with the depth difference from the person instead (from half at the
 * person's depth to full {@code falloff}% of the depth range away), so what stands beside them stays sharper. The
 * blurs run at a reduced size (a blurred image loses nothing by being enlarged); only the final blend is at
 * full size.
 */
final class PortraitBlurStyle implements BuiltInStyle {

    static final ParamSpec BLUR = ParamReader.number("blur", "Blur", 12, 1, 50, 1,
            "Background blur (Gaussian sigma) in thousandths of the photo's long edge: 12 is 48 px on a 4000 px photo.");
    static final ParamSpec FALLOFF = ParamReader.number("falloff", "Falloff", 15, 0, 100, 1,
            "Distance from the person, in % of the long edge (with a depth model: in % of the depth range), over which the blur grows from half to full (0: full blur at once).");
    static final ParamSpec FEATHER = ParamReader.number("feather", "Edge softness", 3, 0, 20, 0.5,
            "Softness of the person's outline, in thousandths of the long edge.");

    static final ValidationBounds BOUNDS = new ValidationBounds(1.0, 0.5);

    private static final StyleInfo INFO = new StyleInfo("portrait-blur", "Portrait blur",
            "Blurs the background by its distance from the person; the person stays sharp.", true, List.of(BLUR, FALLOFF, FEATHER));

    @Override
    public StyleInfo info() {
        return INFO;
    }

    @Override
    public CheckedStyle check(@Nullable JsonNode params) {
        var reader = new ParamReader(INFO.params(), params);
        var typed = new Params(reader.number(BLUR), reader.number(FALLOFF), reader.number(FEATHER));
        return new CheckedStyle(INFO.id(), reader.checked(), Optional.empty(), typed, BOUNDS);
    }

    record Params(double blur, double falloff, double feather) implements Generator {

        @Override
        public Mat generate(GenerateInput in) {
            Mat image = in.image();
            int longEdge = Math.max(image.cols(), image.rows());
            in.checkpoint().reached(0.1, "Blurring the background…");
            try (Mat small = Images.fit(image, Effects.EFFECT_EDGE); Mat near = new Mat(); Mat far = new Mat();
                 Mat mask = Images.sizedLike(in.personMask(), small); Mat outside = new Mat(); Mat distance = new Mat();
                 Mat toFar = new Mat()) {
                double scale = small.cols() / (double) image.cols();
                double sigma = Math.max(0.5, blur / 1000 * longEdge * scale);
                GaussianBlur(small, near, new Size(0, 0), sigma / 2);
                GaussianBlur(small, far, new Size(0, 0), sigma);
                in.checkpoint().reached(0.4, "Measuring the distance from the person…");
                threshold(mask, outside, 127, 255, THRESH_BINARY_INV);
                double reach = falloff / 100 * Math.max(small.cols(), small.rows());
                Mat depth = in.depth();
                if (depth != null) {
                    towardsFar(depth, mask, falloff, toFar);
                } else if (countNonZero(outside) == outside.total() || reach <= 0) {
                    toFar.create(small.rows(), small.cols(), CV_32F);
                    toFar.put(Scalar.all(1));
                } else {
                    distanceTransform(outside, distance, DIST_L2, 5);
                    distance.convertTo(toFar, CV_32F, 1 / reach, 0);
                    try (Mat one = new Mat(small.rows(), small.cols(), CV_32F, Scalar.all(1))) {
                        org.bytedeco.opencv.global.opencv_core.min(toFar, one, toFar);
                    }
                }
                try (Mat background = Effects.blend(far, near, toFar); Mat backgroundBig = Effects.upTo(background, image);
                     Mat matte = Effects.matte(in.personMask(), feather / 1000 * longEdge, image)) {
                    in.checkpoint().reached(0.7, "Blending the person over the blurred background…");
                    return Effects.blend(image, backgroundBig, matte);
                }
            }
        }

        @Override
        public boolean usesDepth() {
            return true;
        }

        /**
         * The blur weight 0..1 (32-bit float, {@code mask}'s size) into {@code out}: |depth − the subject's depth|
         * over {@code falloff}% of the depth range, at most 1. The subject's depth is the mean under the person
         * mask, or the nearest depth when there is nobody.
         */
        private static void towardsFar(Mat depth, Mat mask, double falloff, Mat out) {
            try (Mat sized = Images.sizedLike(depth, mask); Mat person = new Mat()) {
                threshold(mask, person, 127, 255, THRESH_BINARY);
                double subject;
                if (countNonZero(person) > 0) {
                    subject = mean(sized, person).get(0);
                } else {
                    double[] max = new double[1];
                    minMaxLoc(sized, (double[]) null, max, null, null, null);
                    subject = max[0];
                }
                try (Mat level = new Mat(sized.rows(), sized.cols(), CV_32F, Scalar.all(subject))) {
                    absdiff(sized, level, out);
                }
                if (falloff <= 0) {
                    out.put(Scalar.all(1));
                } else {
                    out.convertTo(out, CV_32F, 100 / falloff, 0);
                    threshold(out, out, 1, 1, THRESH_TRUNC);
                }
            }
        }
    }
}

package dev.lightbox.transform.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.lightbox.analysis.service.FaceFinder;
import dev.lightbox.jobs.JobCancelledException;
import dev.lightbox.support.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pipeline on a real portrait (Grace Hopper, enlarged to 1536 × 1536 so the person model and the
 * face detector see it as a camera photo): real OpenCV, the bundled models, no Spring.
 */
class RestylePipelineTest {

    static final int SIZE = 1536;
    static final String REFERENCE_ID = "6f1f1c3e-0000-4000-8000-000000000001";
    static final JsonMapper JSON = JsonMapper.builder().build();

    static FaceFinder faces;
    static PersonSegmenter segmenter;
    static RestylePipeline pipeline;
    static byte[] portrait;
    static byte[] reference;

    @BeforeAll
    static void load() {
        faces = FaceFinder.bundled();
        segmenter = PersonSegmenter.bundled();
        pipeline = new RestylePipeline(faces, segmenter, InstalledModels.NONE, 100_000_000);
        try (Mat small = TestImages.decode(TestImages.read(TestImages.GRACE_HOPPER)); Mat big = new Mat()) {
            resize(small, big, new Size(SIZE, SIZE), 0, 0, INTER_CUBIC);
            portrait = Images.jpeg(big, 95);
        }
        reference = TestImages.read(TestImages.ICE_BLOCK);
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** Every report, in order, as "step:status" ("generate:started", "generate:progress", "generate:done" …). */
    static class Recorder implements StepReporter {
        final List<String> events = new ArrayList<>();
        final List<String> messages = new ArrayList<>();

        @Override
        public void started(Step step, String message) {
            events.add(step.id() + ":started");
        }

        @Override
        public void progress(Step step, double fraction, String message) {
            events.add(step.id() + ":progress");
        }

        @Override
        public void finished(Step step, StepStatus status, long millis, String message) {
            events.add(step.id() + ":" + status.id());
            messages.add(step.id() + ": " + message);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"portrait-blur", "background", "watercolor", "pencil", "hdr", "cartoon", "color-match"})
    void eachStyleKeepsTheSizeAndChangesThePhoto(String style) throws Exception {
        String params = style.equals("color-match") ? "{\"photoId\": \"" + REFERENCE_ID + "\"}" : "{}";
        var recorder = new Recorder();

        PipelineResult result = pipeline.run(pipeline.check(style, json(params)), new SourceImages(portrait, reference), recorder);

        try (Mat original = TestImages.decode(portrait); Mat out = TestImages.decode(result.resultJpeg());
             Mat thumbnail = TestImages.decode(result.thumbnailJpeg())) {
            assertThat(out.cols()).isEqualTo(SIZE);
            assertThat(out.rows()).isEqualTo(SIZE);
            assertThat(result.width()).isEqualTo(SIZE);
            assertThat(Math.max(thumbnail.cols(), thumbnail.rows())).isEqualTo(400);
            double meanDifference;
            try (Mat diff = new Mat()) {
                absdiff(original, out, diff);
                Scalar mean = mean(diff);
                meanDifference = (mean.get(0) + mean.get(1) + mean.get(2)) / 3;
            }
            assertThat(meanDifference).as("mean absolute difference per channel").isGreaterThan(3);
        }
        assertThat(recorder.events).containsSubsequence("load:started", "load:done", "detect:done", "segment:done", "edges:done",
                "depth:skipped", "generate:started", "generate:progress", "generate:done", "validate:done");
        assertThat(recorder.messages).contains("depth: skipped: no depth model");
    }

    /** The dialog's preview runs on the preview rendition: a small photo must pass validation too. */
    @ParameterizedTest
    @ValueSource(strings = {"portrait-blur", "background", "watercolor", "pencil", "hdr", "cartoon", "color-match"})
    void eachStylePassesValidationOnASmallPhotoToo(String style) throws Exception {
        String params = style.equals("color-match") ? "{\"photoId\": \"" + REFERENCE_ID + "\"}" : "{}";
        byte[] small = TestImages.read(TestImages.GRACE_HOPPER);

        PipelineResult result = pipeline.run(pipeline.check(style, json(params)), new SourceImages(small, reference), new Recorder());

        assertThat(result.width()).isEqualTo(512);
        assertThat(result.height()).isEqualTo(512);
    }

    @Test
    void theReferenceIsDecodedReducedAndTheEdgesFoundAtTheEffectSize() throws Exception {
        var recorder = new Recorder();

        pipeline.run(pipeline.check("color-match", json("{\"photoId\": \"" + REFERENCE_ID + "\"}")), new SourceImages(portrait, portrait),
                recorder);

        // 1536² is measured at 768² (JPEG's own 1/2 decode), still over REFERENCE_PIXELS
        assertThat(recorder.messages).contains("load: 1536 × 1536, with the reference photo at 768 × 768", "edges: Canny 50/120 at 1024 × 1024");
    }

    /** A depth model that answers one depth everywhere and counts its runs. */
    static final class FlatDepth implements DepthEstimator {
        int runs;

        @Override
        public String name() {
            return "flat";
        }

        @Override
        public Mat estimate(Mat bgr) {
            runs++;
            return new Mat(bgr.rows(), bgr.cols(), org.bytedeco.opencv.global.opencv_core.CV_32F, Scalar.all(0.5));
        }
    }

    static RestylePipeline pipelineWithDepth(DepthEstimator depth) {
        return new RestylePipeline(faces, segmenter, new InstalledModels() {
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
                return Optional.of(depth);
            }
        }, 100_000_000);
    }

    @Test
    void aStyleThatDoesNotUseDepthSkipsTheDepthModel() throws Exception {
        var depth = new FlatDepth();
        RestylePipeline withDepth = pipelineWithDepth(depth);
        var recorder = new Recorder();

        withDepth.run(withDepth.check("pencil", json("{}")), new SourceImages(portrait, null), recorder);

        assertThat(recorder.events).contains("depth:skipped");
        assertThat(recorder.messages).contains("depth: skipped: pencil does not use depth");
        assertThat(depth.runs).isZero();
    }

    @Test
    void portraitBlurWithADepthModelBlursWhatIsAtThePersonsDepthLess() throws Exception {
        var depth = new FlatDepth();
        RestylePipeline withDepth = pipelineWithDepth(depth);
        var recorder = new Recorder();

        PipelineResult byDepth = withDepth.run(withDepth.check("portrait-blur", json("{}")), new SourceImages(portrait, null), recorder);
        PipelineResult byDistance = pipeline.run(pipeline.check("portrait-blur", json("{}")), new SourceImages(portrait, null), new Recorder());

        assertThat(recorder.events).contains("depth:done");
        assertThat(depth.runs).isEqualTo(1);
        // everything is at the person's depth: the background gets the half blur, not the full one it gets far from the person
        try (Mat original = TestImages.decode(portrait); Mat background = backgroundMask(original);
             Mat depthOut = TestImages.decode(byDepth.resultJpeg()); Mat distanceOut = TestImages.decode(byDistance.resultJpeg())) {
            double changedByDepth = meanDifference(original, depthOut, background);
            double changedByDistance = meanDifference(original, distanceOut, background);
            System.out.printf("portrait-blur background mean difference from the photo: by depth %.2f, by distance %.2f%n", changedByDepth,
                    changedByDistance);
            assertThat(changedByDepth).isLessThan(changedByDistance * 0.85);
        }
    }

    @Test
    void portraitBlurKeepsTheFaceSharpAndHalvesTheBackgroundsSharpness() throws Exception {
        PipelineResult result = pipeline.run(pipeline.check("portrait-blur", json("{}")), new SourceImages(portrait, null), new Recorder());

        // compared with the untouched photo through the same JPEG encoding: on this enlarged (smooth) face the
        // encoding's own block noise would otherwise read as +17 % sharpness
        try (Mat decoded = TestImages.decode(portrait); Mat original = TestImages.decode(Images.jpeg(decoded, RestylePipeline.RESULT_QUALITY));
             Mat out = TestImages.decode(result.resultJpeg()); Mat background = backgroundMask(original)) {
            List<Rect> found = faces.find(original);
            assertThat(found).hasSize(1);
            Rect face = inner(found.getFirst(), 0.6);
            double faceBefore = sharpness(original, face, null);
            double faceAfter = sharpness(out, face, null);
            double backgroundBefore = sharpness(original, new Rect(0, 0, SIZE, SIZE), background);
            double backgroundAfter = sharpness(out, new Rect(0, 0, SIZE, SIZE), background);
            System.out.printf("portrait-blur: face Laplacian variance %.1f → %.1f, background %.1f → %.1f%n", faceBefore, faceAfter,
                    backgroundBefore, backgroundAfter);
            assertThat(faceAfter / faceBefore).as("face sharpness kept").isBetween(0.9, 1.1);
            assertThat(backgroundAfter / backgroundBefore).as("background sharpness").isLessThanOrEqualTo(0.5);
        }
    }

    /** Far from the person: the raw model's probability below 0.05, at the photo's size. */
    private static Mat backgroundMask(Mat image) {
        try (Mat raw = segmenter.raw(image); Mat big = new Mat()) {
            resize(raw, big, new Size(image.cols(), image.rows()));
            Mat mask = new Mat();
            org.bytedeco.opencv.global.opencv_imgproc.threshold(big, big, 0.05, 255, org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY_INV);
            big.convertTo(mask, org.bytedeco.opencv.global.opencv_core.CV_8U);
            assertThat(org.bytedeco.opencv.global.opencv_core.countNonZero(mask)).as("background pixels").isGreaterThan((int) (image.total() / 10));
            return mask;
        }
    }

    private static Rect inner(Rect box, double share) {
        int w = (int) (box.width() * share);
        int h = (int) (box.height() * share);
        return new Rect(box.x() + (box.width() - w) / 2, box.y() + (box.height() - h) / 2, w, h);
    }

    /** Mean absolute difference per channel of two same-sized images inside {@code mask}. */
    static double meanDifference(Mat a, Mat b, Mat mask) {
        try (Mat diff = new Mat()) {
            absdiff(a, b, diff);
            Scalar m = mean(diff, mask);
            return (m.get(0) + m.get(1) + m.get(2)) / 3;
        }
    }

    /** Variance of the grey Laplacian inside {@code box} (and {@code mask} when given). */
    static double sharpness(Mat bgr, Rect box, Mat mask) {
        try (Mat region = bgr.apply(box); Mat grey = new Mat(); Mat laplacian = new Mat(); Mat mean = new Mat(); Mat deviation = new Mat()) {
            cvtColor(region, grey, COLOR_BGR2GRAY);
            Laplacian(grey, laplacian, CV_64F);
            if (mask == null) {
                meanStdDev(laplacian, mean, deviation);
            } else {
                try (Mat m = mask.apply(box)) {
                    meanStdDev(laplacian, mean, deviation, m);
                }
            }
            try (DoubleIndexer d = deviation.createIndexer()) {
                return d.get(0, 0) * d.get(0, 0);
            }
        }
    }

    static InstalledModels modelsWith(String name, Generator generator) {
        return new InstalledModels() {
            @Override
            public List<StyleInfo> styles() {
                return List.of(new StyleInfo("onnx:" + name, name, name, false, List.of()));
            }

            @Override
            public Optional<Generator> generator(String modelName) {
                return modelName.equals(name) ? Optional.of(generator) : Optional.empty();
            }

            @Override
            public Optional<DepthEstimator> depth() {
                return Optional.empty();
            }
        };
    }

    @Test
    void aBlankResultFailsValidationWithTheReason() {
        var blank = new RestylePipeline(faces, segmenter, modelsWith("blank",
                in -> new Mat(in.image().rows(), in.image().cols(), CV_8UC3, new Scalar(128, 128, 128, 0))), 100_000_000);
        var recorder = new Recorder();

        assertThatThrownBy(() -> blank.run(blank.check("onnx:blank", json("{}")), new SourceImages(portrait, null), recorder))
                .isInstanceOf(ValidationFailedException.class).hasMessageContaining("blank");
        assertThat(recorder.events).endsWith("validate:started", "validate:failed");
    }

    @Test
    void aWrongSizedResultFailsValidationWithTheReason() {
        var half = new RestylePipeline(faces, segmenter, modelsWith("half", in -> Images.fit(in.image(), SIZE / 2)), 100_000_000);

        assertThatThrownBy(() -> half.run(half.check("onnx:half", json("{}")), new SourceImages(portrait, null), new Recorder()))
                .isInstanceOf(ValidationFailedException.class).hasMessageContaining("768 × 768, not the photo's 1536 × 1536");
    }

    @Test
    void aLostFaceFailsAStrictStyle() {
        // the face painted over: the structure stays, the face is gone
        var faceless = new RestylePipeline(faces, segmenter, modelsWith("faceless", in -> {
            Mat out = in.image().clone();
            for (Rect face : in.faces()) org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur(out.apply(face), out.apply(face), new Size(0, 0), 40);
            return out;
        }), 100_000_000);
        CheckedStyle strict = faceless.checked("onnx:faceless", json("{}"));
        var request = new CheckedStyle(strict.style(), strict.params(), Optional.empty(), strict.generator(), new ValidationBounds(1.0, 0.1));

        assertThatThrownBy(() -> faceless.run(request, new SourceImages(portrait, null), new Recorder()))
                .isInstanceOf(ValidationFailedException.class).hasMessageContaining("A face was lost: 0 of the 1 faces");
    }

    @Test
    void aCancelInsideGenerateStopsIt() {
        var recorder = new Recorder() {
            @Override
            public void progress(Step step, double fraction, String message) {
                super.progress(step, fraction, message);
                if (step == Step.GENERATE) throw new JobCancelledException();
            }
        };

        assertThatThrownBy(() -> pipeline.run(pipeline.check("portrait-blur", json("{}")), new SourceImages(portrait, null), recorder))
                .isInstanceOf(JobCancelledException.class);
        assertThat(recorder.events).endsWith("generate:started", "generate:progress", "generate:cancelled");
    }

    @Test
    void unknownStylesAndBadParametersAreNamed() {
        assertThatThrownBy(() -> pipeline.check("oil-paint", json("{}"))).isInstanceOfSatisfying(InvalidStyleException.class,
                e -> assertThat(e.param()).isNull()).hasMessageContaining("oil-paint");
        assertThatThrownBy(() -> pipeline.check("onnx:missing", json("{}"))).isInstanceOfSatisfying(InvalidStyleException.class,
                e -> assertThat(e.param()).isNull()).hasMessageContaining("missing");
        assertBad("portrait-blur", "{\"blurr\": 3}", "blurr", "unknown parameter");
        assertBad("portrait-blur", "{\"blur\": 500}", "blur", "between 1 and 50");
        assertBad("portrait-blur", "{\"blur\": \"lots\"}", "blur", "must be a number");
        assertBad("pencil", "{\"mode\": \"ink\"}", "mode", "grey, colour");
        assertBad("background", "{\"colour\": \"red\"}", "colour", "#rrggbb");
        assertBad("background", "{\"photoId\": \"not-a-uuid\"}", "photoId", "photo id");
        assertBad("color-match", "{}", "photoId", "required");
        assertBad("cartoon", "{\"colours\": 1}", "colours", "between 2 and 32");
        assertBad("hdr", "{\"range\": 0}", "range", "between 0.01 and 1");
    }

    private static void assertBad(String style, String params, String param, String reason) {
        assertThatThrownBy(() -> pipeline.check(style, json(params))).isInstanceOfSatisfying(InvalidStyleException.class,
                e -> assertThat(e.param()).isEqualTo(param)).hasMessageContaining(reason);
    }

    @Test
    void checkFillsInTheDefaultsAndNamesTheReferencePhoto() {
        StyleRequest hdr = pipeline.check("hdr", json("{\"detail\": 1}"));
        assertThat(hdr.params().toString()).isEqualTo("{\"smoothing\":10.0,\"range\":0.15,\"detail\":1.0}");
        assertThat(hdr.referencePhotoId()).isEmpty();

        StyleRequest match = pipeline.check("color-match", json("{\"photoId\": \"" + REFERENCE_ID + "\"}"));
        assertThat(match.referencePhotoId()).hasValueSatisfying(id -> assertThat(id.toString()).isEqualTo(REFERENCE_ID));
        assertThat(match.params().get("strength").doubleValue()).isEqualTo(1.0);

        assertThat(pipeline.styles()).extracting(StyleInfo::id)
                .containsExactly("portrait-blur", "background", "watercolor", "pencil", "hdr", "cartoon", "color-match");
    }
}

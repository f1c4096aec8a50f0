package dev.lightbox.transform.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Canny;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.medianBlur;

import dev.lightbox.analysis.service.FaceFinder;
import dev.lightbox.jobs.JobCancelledException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The restyle pipeline: load → detect → segment → edges → depth → generate → validate, each step reported
 * with its duration. The working copy is the upright original at full size (the result must be that size);
 * each step bounds its own cost (faces at the detector's working size, the person at 256², the edges and the
 * heavy filters at {@link Effects#EFFECT_EDGE}). Every native object of a run is freed when it returns.
 */
public final class RestylePipeline implements Restyler {

    static final int RESULT_QUALITY = 92;
    static final int THUMBNAIL_QUALITY = 85;
    static final int THUMBNAIL_EDGE = 400;
    /** The least share of the photo the person model must cover to count as a person. */
    static final double MIN_PERSON_SHARE = 0.01;
    /** The reference photo is only measured (colour statistics of a 512 px copy): it is decoded reduced to about this many pixels. */
    static final long REFERENCE_PIXELS = 512L * 512;
    static final ValidationBounds ONNX_BOUNDS = new ValidationBounds(0.0, 0.1);

    private final Map<String, BuiltInStyle> builtIn = new LinkedHashMap<>();
    private final FaceFinder faces;
    private final PersonSegmenter segmenter;
    private final InstalledModels models;
    private final ResultValidator validator;
    private final long maxPixels;

    /** {@code maxPixels}: the largest photo decoded (the library's upload limit). */
    public RestylePipeline(FaceFinder faces, PersonSegmenter segmenter, InstalledModels models, long maxPixels) {
        for (BuiltInStyle style : List.of(new PortraitBlurStyle(), new BackgroundStyle(), new WatercolorStyle(), new PencilStyle(),
                new HdrStyle(), new CartoonStyle(), new ColorMatchStyle())) {
            builtIn.put(style.id(), style);
        }
        this.faces = faces;
        this.segmenter = segmenter;
        this.models = models;
        this.validator = new ResultValidator(faces);
        this.maxPixels = maxPixels;
    }

    @Override
    public List<StyleInfo> styles() {
        var all = new ArrayList<StyleInfo>();
        builtIn.values().forEach(style -> all.add(style.info()));
        all.addAll(models.styles());
        return all;
    }

    @Override
    public StyleRequest check(String style, @Nullable JsonNode params) {
        return checked(style, params);
    }

    CheckedStyle checked(String style, @Nullable JsonNode params) {
        BuiltInStyle known = builtIn.get(style);
        if (known != null) return known.check(params);
        if (style.startsWith("onnx:")) {
            String model = style.substring("onnx:".length());
            Optional<Generator> generator = models.generator(model);
            if (generator.isPresent()) {
                var reader = new ParamReader(List.of(), params);
                return new CheckedStyle(style, reader.checked(), Optional.empty(), generator.get(), ONNX_BOUNDS);
            }
            throw new InvalidStyleException(null, "No model named \"" + model + "\" is installed.");
        }
        throw new InvalidStyleException(null, "Unknown style \"" + style + "\".");
    }

    @Override
    public PipelineResult run(StyleRequest request, SourceImages images, StepReporter reporter) throws ValidationFailedException {
        CheckedStyle style = request instanceof CheckedStyle checked ? checked : checked(request.style(), request.params());
        var run = new Run(reporter);
        try (PointerScope scope = new PointerScope()) {
            record Loaded(Mat image, @Nullable Mat reference) {}
            Loaded loaded = run.step(Step.LOAD, () -> {
                Mat photo = Images.decodeUpright(images.original(), maxPixels, "photo");
                if (style.referencePhotoId().isEmpty()) return new Loaded(photo, null);
                byte[] referenceBytes = images.reference();
                if (referenceBytes == null) throw new IllegalStateException("The reference photo's bytes were not provided.");
                return new Loaded(photo, Images.decodeReduced(referenceBytes, maxPixels, REFERENCE_PIXELS, "reference photo"));
            }, l -> l.image().cols() + " × " + l.image().rows() + (l.reference() == null ? ""
                    : ", with the reference photo at " + l.reference().cols() + " × " + l.reference().rows()));
            Mat image = loaded.image();
            Mat reference = loaded.reference();

            record Found(List<Rect> faces, Mat raw, double personShare) {}
            Found found = run.step(Step.DETECT, () -> {
                List<Rect> boxes = faces.find(image);
                Mat raw = segmenter.raw(image);
                return new Found(boxes, raw, PersonSegmenter.personShare(raw));
            }, f -> describe(f.faces().size(), f.personShare()));

            Mat mask = run.step(Step.SEGMENT, () -> found.personShare() >= MIN_PERSON_SHARE ? segmenter.refine(found.raw(), image)
                    : Mat.zeros(image.rows(), image.cols(), CV_8U).asMat(), m -> found.personShare() >= MIN_PERSON_SHARE
                    ? String.format(Locale.ROOT, "person mask: %.0f%% of the photo", found.personShare() * 100) : "no person: empty mask");

            Mat edges = run.step(Step.EDGES, () -> {
                try (Mat small = Images.fit(image, Effects.EFFECT_EDGE); Mat grey = new Mat()) {
                    cvtColor(small, grey, COLOR_BGR2GRAY);
                    medianBlur(grey, grey, 5);
                    Mat canny = new Mat();
                    Canny(grey, canny, 50, 120);
                    return canny;
                }
            }, e -> "Canny 50/120 at " + e.cols() + " × " + e.rows());

            Optional<DepthEstimator> depthModel = models.depth();
            Mat depth = null;
            if (depthModel.isPresent() && style.generator().usesDepth()) {
                depth = run.step(Step.DEPTH, () -> depthModel.get().estimate(image), d -> "depth: " + depthModel.get().name());
            } else {
                reporter.started(Step.DEPTH, Step.DEPTH.startMessage());
                reporter.finished(Step.DEPTH, StepStatus.SKIPPED, 0,
                        depthModel.isEmpty() ? "skipped: no depth model" : "skipped: " + style.style() + " does not use depth");
            }

            var input = new GenerateInput(image, mask, edges, depth, reference, found.faces(), style,
                    (fraction, message) -> reporter.progress(Step.GENERATE, fraction, message));
            Mat result = run.step(Step.GENERATE, () -> style.generator().generate(input), r -> style.style());

            return run.step(Step.VALIDATE, () -> {
                var report = validator.check(image, result, found.faces(), style.bounds());
                reporter.progress(Step.VALIDATE, 0.7, "Encoding the result…");
                try (Mat thumbnail = Images.fit(result, THUMBNAIL_EDGE)) {
                    run.validated = report;
                    return new PipelineResult(Images.jpeg(result, RESULT_QUALITY), Images.jpeg(thumbnail, THUMBNAIL_QUALITY), result.cols(),
                            result.rows());
                }
            }, r -> run.validated == null ? "ok" : run.validated.message());
        }
    }

    private static String describe(int faceCount, double personShare) {
        String facesText = faceCount == 0 ? "no faces" : faceCount == 1 ? "1 face" : faceCount + " faces";
        String people = personShare >= MIN_PERSON_SHARE ? String.format(Locale.ROOT, "a person (%.0f%% of the photo)", personShare * 100)
                : "no person";
        return facesText + ", " + people;
    }

    /** One run's step bookkeeping: started, finished with the measured milliseconds, or failed. */
    private static final class Run {

        private final StepReporter reporter;
        private ResultValidator.@Nullable Report validated;

        Run(StepReporter reporter) {
            this.reporter = reporter;
        }

        interface Work<T> {
            T run() throws Exception;
        }

        interface Summary<T> {
            String of(T value);
        }

        <T> T step(Step step, Work<T> work, Summary<T> summary) throws ValidationFailedException {
            reporter.started(step, step.startMessage());
            long start = System.nanoTime();
            T value;
            try {
                value = work.run();
            } catch (JobCancelledException e) {
                report(step, StepStatus.CANCELLED, start, "cancelled", e);
                throw e;
            } catch (ValidationFailedException | RuntimeException e) {
                report(step, StepStatus.FAILED, start, String.valueOf(e.getMessage()), e);
                throw e;
            } catch (Exception e) {
                report(step, StepStatus.FAILED, start, String.valueOf(e.getMessage()), e);
                throw new IllegalStateException(step.id() + " failed: " + e.getMessage(), e);
            }
            reporter.finished(step, StepStatus.DONE, millis(start), summary.of(value));
            return value;
        }

        private void report(Step step, StepStatus status, long start, String message, Exception cause) {
            try {
                reporter.finished(step, status, millis(start), message);
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }

        private static long millis(long start) {
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

}

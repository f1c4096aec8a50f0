package dev.lightbox.transform.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromTFLite;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Canny;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_photo.RECURS_FILTER;
import static org.bytedeco.opencv.global.opencv_photo.detailEnhance;
import static org.bytedeco.opencv.global.opencv_photo.edgePreservingFilter;
import static org.bytedeco.opencv.global.opencv_photo.pencilSketch;
import static org.bytedeco.opencv.global.opencv_photo.stylization;
import static org.bytedeco.opencv.global.opencv_ximgproc.guidedFilter;

import dev.lightbox.analysis.service.FaceFinder;
import dev.lightbox.bench.BenchPhotos;
import dev.lightbox.bench.MedianTime;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The restyle pipeline on 12 MP JPEGs (4000 × 3000: Grace Hopper and Messi from {@link BenchPhotos}, with
 * the ice block as the reference photo), one thread driving it (OpenCV's own worker threads on both cores):
 * per-step milliseconds per style, median over the photos × rounds, in seed 002's timeline format. Baseline:
 * the bare OpenCV/DNN calls each step makes, called directly on the same photo (no Java around them); for
 * generate, the style's heavy OpenCV filter run the naive way, at the full 12 MP, once.
 */
class TransformBench {

    private static final int ROUNDS = 2;
    private static final String REFERENCE_ID = "6f1f1c3e-0000-4000-8000-000000000001";
    private static final List<String> STYLES = List.of("portrait-blur", "background", "watercolor", "pencil", "hdr", "cartoon", "color-match");

    @Test
    void perStepPerStyle() throws Exception {
        List<Path> files = BenchPhotos.twelveMegapixel();
        List<byte[]> photos = List.of(Files.readAllBytes(files.get(0)), Files.readAllBytes(files.get(1)));
        byte[] reference = Files.readAllBytes(files.get(2));
        var pipeline = new RestylePipeline(FaceFinder.bundled(), PersonSegmenter.bundled(), InstalledModels.NONE, 100_000_000);
        var json = JsonMapper.builder().build();
        System.out.printf("%nRestyle: 2 JPEGs of 4000×3000 (12 MP), %d rounds each, load average at start %s%n", ROUNDS, loadAverage());

        for (String style : STYLES) { // warm-up: natives, models, JIT
            try {
                pipeline.run(pipeline.check(style, json.readTree(params(style))), new SourceImages(photos.get(0), reference), new Timeline());
            } catch (ValidationFailedException e) {
                System.out.println("warm-up " + style + ": " + e.getMessage());
            }
        }

        Map<String, Map<Step, Double>> medians = new LinkedHashMap<>();
        Map<String, Double> totals = new LinkedHashMap<>();
        Map<Step, String> messages = new EnumMap<>(Step.class);
        List<String> failures = new ArrayList<>();
        for (String style : STYLES) {
            StyleRequest request = pipeline.check(style, json.readTree(params(style)));
            Map<Step, List<Double>> times = new EnumMap<>(Step.class);
            List<Double> wall = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (byte[] photo : photos) {
                    var timeline = new Timeline();
                    long start = System.nanoTime();
                    try {
                        pipeline.run(request, new SourceImages(photo, reference), timeline);
                        wall.add((System.nanoTime() - start) / 1e6);
                    } catch (ValidationFailedException e) {
                        failures.add(style + " on photo " + (photos.indexOf(photo) + 1) + ": " + e.getMessage());
                    }
                    timeline.millis.forEach((step, ms) -> times.computeIfAbsent(step, s -> new ArrayList<>()).add((double) ms));
                    if (style.equals("portrait-blur")) messages.putAll(timeline.messages);
                }
            }
            var perStep = new EnumMap<Step, Double>(Step.class);
            times.forEach((step, list) -> perStep.put(step, median(list)));
            medians.put(style, perStep);
            totals.put(style, wall.isEmpty() ? Double.NaN : median(wall));
        }

        Map<Step, Double> bare = bareSteps(photos.get(0));
        // -DtransformBench.fullSize=false skips the naive full-size filters (minutes on a busy machine)
        Map<String, Double> bareGenerate = Boolean.parseBoolean(System.getProperty("transformBench.fullSize", "true"))
                ? bareGenerate(photos.get(0)) : Map.of();

        var out = new StringBuilder();
        out.append("\n| Step | ").append(String.join(" | ", STYLES)).append(" | bare calls | Progress | Message (portrait-blur, Grace Hopper) |\n");
        out.append("|---".repeat(STYLES.size() + 4)).append("|\n");
        for (Step step : Step.values()) {
            if (step == Step.SAVE) continue;
            out.append("| ").append(step.id());
            for (String style : STYLES) out.append(" | ").append(ms(medians.get(style).get(step)));
            out.append(" | ").append(step == Step.GENERATE ? "see below" : ms(bare.get(step)));
            out.append(String.format(Locale.ROOT, " | %.2f | %s |%n", step.startsAt(), messages.getOrDefault(step, "")));
        }
        out.append("| **total (wall)**");
        for (String style : STYLES) out.append(" | **").append(ms(totals.get(style))).append("**");
        out.append(" | | 1.0 | |\n");
        out.append("\nGenerate, bare: the style's heavy OpenCV call at the full 12 MP, once (the pipeline runs it at ")
                .append(Effects.EFFECT_EDGE).append(" px and brings it back to full size):\n");
        bareGenerate.forEach((call, ms) -> out.append("- ").append(call).append(": ").append(ms(ms)).append(" ms\n"));
        failures.forEach(f -> out.append("- validation failed: ").append(f).append('\n'));
        out.append("Load average at the end: ").append(loadAverage()).append('\n');
        System.out.println(out);
    }

    private static String params(String style) {
        return style.equals("color-match") ? "{\"photoId\": \"" + REFERENCE_ID + "\"}" : "{}";
    }

    /** The bare calls of load, detect, segment, edges and validate (+ encoding) on one photo, median of the rounds. */
    private static Map<Step, Double> bareSteps(byte[] photo) throws Exception {
        Net faceNet;
        Net personNet;
        try (InputStream face = TransformBench.class.getResourceAsStream("/models/blazeface/face_detection_full_range.tflite");
             InputStream person = TransformBench.class.getResourceAsStream(PersonSegmenter.MODEL)) {
            faceNet = readNetFromTFLite(face.readAllBytes());
            personNet = readNetFromTFLite(person.readAllBytes());
        }
        Map<Step, Double> bare = new EnumMap<>(Step.class);
        try (PointerScope scope = new PointerScope(); BytePointer bytes = new BytePointer(photo);
             Mat wrapped = new Mat(1, photo.length, CV_8UC1, bytes)) {
            Mat image = imdecode(wrapped, IMREAD_COLOR);
            bare.put(Step.LOAD, MedianTime.ofRuns(ROUNDS, () -> {
                try (PointerScope s = new PointerScope()) {
                    imdecode(wrapped, IMREAD_COLOR);
                }
            }));
            Mat raw = new Mat();
            bare.put(Step.DETECT, MedianTime.ofRuns(ROUNDS, () -> {
                try (PointerScope s = new PointerScope(); Mat small = new Mat(); Mat square = new Mat()) {
                    resize(image, small, new Size(192, 144), 0, 0, INTER_AREA);
                    square.create(192, 192, image.type());
                    faceNet.setInput(blobFromImage(square, 1 / 127.5, new Size(192, 192), Scalar.all(127.5), true, false, CV_32F));
                    faceNet.forward();
                    resize(image, small, new Size(256, 256), 0, 0, INTER_AREA);
                    personNet.setInput(blobFromImage(small, 1 / 255.0, new Size(256, 256), Scalar.all(0), true, false, CV_32F));
                    personNet.forward().reshape(1, 256).copyTo(raw);
                }
            }));
            bare.put(Step.SEGMENT, MedianTime.ofRuns(ROUNDS, () -> {
                try (PointerScope s = new PointerScope(); Mat guide = new Mat(); Mat coarse = new Mat(); Mat refined = new Mat(); Mat big = new Mat();
                     Mat mask = new Mat()) {
                    resize(image, guide, new Size(1024, 768), 0, 0, INTER_AREA);
                    resize(raw, coarse, new Size(1024, 768), 0, 0, INTER_LINEAR);
                    guidedFilter(guide, coarse, refined, 8, 1e-3 * 255 * 255);
                    resize(refined, big, new Size(image.cols(), image.rows()), 0, 0, INTER_LINEAR);
                    big.convertTo(mask, CV_8U, 255, 0);
                }
            }));
            bare.put(Step.EDGES, MedianTime.ofRuns(ROUNDS, () -> {
                try (Mat grey = new Mat(); Mat edges = new Mat()) {
                    cvtColor(image, grey, COLOR_BGR2GRAY);
                    Canny(grey, edges, 60, 180);
                }
            }));
            bare.put(Step.VALIDATE, MedianTime.ofRuns(ROUNDS, () -> {
                try (Mat thumbnail = Images.fit(image, 400)) {
                    Images.jpeg(image, RestylePipeline.RESULT_QUALITY);
                    Images.jpeg(thumbnail, RestylePipeline.THUMBNAIL_QUALITY);
                }
            }));
        }
        return bare;
    }

    /** Each style's heavy OpenCV filter at the full 12 MP, once: what the bounded effect size saves. */
    private static Map<String, Double> bareGenerate(byte[] photo) throws Exception {
        Map<String, Double> bare = new LinkedHashMap<>();
        try (PointerScope scope = new PointerScope(); BytePointer bytes = new BytePointer(photo);
             Mat wrapped = new Mat(1, photo.length, CV_8UC1, bytes); Mat image = imdecode(wrapped, IMREAD_COLOR); Mat out = new Mat();
             Mat other = new Mat()) {
            bare.put("stylization(60, 0.45) [watercolor]", MedianTime.ofRuns(1, () -> stylization(image, out, 60, 0.45f)));
            bare.put("pencilSketch(60, 0.07, 0.03) [pencil]", MedianTime.ofRuns(1, () -> pencilSketch(image, other, out, 60, 0.07f, 0.03f)));
            bare.put("detailEnhance(10, 0.15) [hdr]", MedianTime.ofRuns(1, () -> detailEnhance(image, out, 10, 0.15f)));
            bare.put("edgePreservingFilter(RECURS, 60, 0.4) [cartoon]",
                    MedianTime.ofRuns(1, () -> edgePreservingFilter(image, out, RECURS_FILTER, 60, 0.4f)));
        }
        return bare;
    }

    private static final class Timeline implements StepReporter {
        final Map<Step, Long> millis = new EnumMap<>(Step.class);
        final Map<Step, String> messages = new EnumMap<>(Step.class);

        @Override
        public void started(Step step, String message) {
        }

        @Override
        public void progress(Step step, double fraction, String message) {
        }

        @Override
        public void finished(Step step, StepStatus status, long ms, String message) {
            millis.put(step, ms);
            messages.put(step, message);
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String ms(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}

package dev.lightbox.scoring.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.line;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import dev.lightbox.analysis.service.PhotoAnalyzer;
import dev.lightbox.support.TestImages;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The presets and the advice on real photos (Debian's opencv-doc and facedetect), analysed by the real analyzer. */
class PresetsOnRealPhotosTest {

    private static final String DATA = "/usr/share/doc/opencv-doc/examples/data/";
    private static final List<Path> PHOTOS = List.of(TestImages.GRACE_HOPPER, TestImages.MESSI, TestImages.ICE_BLOCK, TestImages.FRUITS,
            Path.of(DATA + "baboon.jpg"), Path.of(DATA + "building.jpg"), Path.of(DATA + "home.jpg"), Path.of(DATA + "butterfly.jpg"),
            Path.of(DATA + "apple.jpg"), Path.of(DATA + "orange.jpg"), Path.of(DATA + "aero1.jpg"), Path.of(DATA + "board.jpg"));

    private static PhotoAnalyzer analyzer;

    @BeforeAll
    static void analyzer() throws Exception {
        Class<?> configuration = Class.forName("dev.lightbox.analysis.service.AnalysisConfiguration");
        var constructor = configuration.getDeclaredConstructor();
        constructor.setAccessible(true);
        Method factory = configuration.getDeclaredMethod("photoAnalyzer");
        factory.setAccessible(true);
        analyzer = (PhotoAnalyzer) factory.invoke(constructor.newInstance());
    }

    private static Map<String, Object> attributes(Mat image) {
        var all = new HashMap<String, Object>(analyzer.technical(image));
        all.putAll(analyzer.composition(image));
        all.put("faceCount", 0);
        return all;
    }

    private static ScoringConfig preset(String name) {
        var preset = Presets.ALL.get(name);
        return new ScoringConfig(UUID.randomUUID(), name, preset.weights(), preset.thresholds(), true, Instant.now());
    }

    private static Mat blurred(Mat original) {
        Mat blurred = new Mat();
        GaussianBlur(original, blurred, new Size(15, 15), 0);
        return blurred;
    }

    @Test
    void aBlurredCopyFailsTheBalancedPresetAndRanksBelowEverySharpOriginal() {
        ScoringConfig balanced = preset("Balanced");
        var sharpScores = new ArrayList<Double>();
        var blurredScores = new ArrayList<Double>();
        for (Path path : PHOTOS) {
            Mat original = TestImages.decode(TestImages.read(path));
            Reducer.Scored sharp = Reducer.score(attributes(original), balanced);
            Reducer.Scored soft = Reducer.score(attributes(blurred(original)), balanced);
            assertThat(sharp.passed()).as(path + " passes: " + sharp.failures()).isTrue();
            assertThat(soft.passed()).as(path + " blurred fails").isFalse();
            assertThat(soft.failures()).singleElement().asString().startsWith("Sharpness").endsWith("is below the minimum 0.10");
            assertThat(soft.score()).as(path + " blurred ranks below its original").isLessThan(sharp.score());
            sharpScores.add(sharp.score());
            blurredScores.add(soft.score());
        }
        assertThat(blurredScores.stream().mapToDouble(Double::doubleValue).max().orElseThrow())
                .as("every blurred copy ranks below every sharp original: " + sharpScores + " / " + blurredScores)
                .isLessThan(sharpScores.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
    }

    @Test
    void everyPresetFailsABlurredCopyAndKeepsItsOriginal() {
        for (String name : Presets.ALL.keySet()) {
            Mat original = TestImages.decode(TestImages.read(TestImages.MESSI));
            Map<String, Object> sharp = attributes(original);
            sharp.put("faceCount", 1);
            Map<String, Object> soft = attributes(blurred(original));
            soft.put("faceCount", 1);
            assertThat(Reducer.score(sharp, preset(name)).passed()).as(name + " keeps the original").isTrue();
            assertThat(Reducer.score(soft, preset(name)).passed()).as(name + " fails the blurred copy").isFalse();
        }
    }

    @Test
    void horizonAdviceOnlyWhereAHorizonIsFound() {
        Mat landscape = rotated(TestImages.decode(TestImages.read(TestImages.ICE_BLOCK)), 5);
        Map<String, Object> tilted = attributes(landscape);
        assertThat(Advisor.advise(tilted)).as("a tilted landscape: " + tilted).anyMatch(line -> line.contains("straighten it"));

        Map<String, Object> closeUp = attributes(TestImages.decode(TestImages.read(Path.of(DATA + "butterfly.jpg"))));
        assertThat(Math.abs(((Number) closeUp.get("horizonTilt")).doubleValue())).as("edges the tilt reads: " + closeUp).isGreaterThan(1.5);
        assertThat(Advisor.advise(closeUp)).as("a close-up of a butterfly: " + closeUp).noneMatch(line -> line.contains("horizon"));

        Map<String, Object> cup = attributes(topDownCup());
        assertThat(Math.abs(((Number) cup.get("horizonTilt")).doubleValue())).as("the planks tilt: " + cup).isGreaterThan(1.5);
        assertThat(Advisor.advise(cup)).as("a cup seen from above on a planked table: " + cup).noneMatch(line -> line.contains("horizon"));
        assertThat(Advisor.explain(cup, preset("Landscape"), Map.of())).contains("No horizon found: tilt not judged");
    }

    @Test
    void explanationsAreShortLinesAndBrisqueIsSaidInWords() {
        Map<String, Object> a = attributes(TestImages.decode(TestImages.read(TestImages.MESSI)));
        List<String> lines = Advisor.explain(a, preset("Balanced"), Map.of(dev.lightbox.analysis.Attribute.BRISQUE, OptionalDouble.of(0.25)));
        assertThat(lines).hasSize(preset("Balanced").weights().size());
        assertThat(lines).allSatisfy(line -> assertThat(line).hasSizeLessThan(90).doesNotContain(" · "));
        assertThat(lines).contains(String.format("Image quality (BRISQUE) %.0f — good; 0 is best, 100 worst; worse than 25%% of your library",
                ((Number) a.get("brisque")).doubleValue()));
        assertThat(Advisor.brisqueWord(70)).startsWith("bad");
    }

    private static Mat rotated(Mat image, double degrees) {
        Mat rotated = new Mat();
        Mat rotation = getRotationMatrix2D(new Point2f(image.cols() / 2f, image.rows() / 2f), degrees, 1.15);
        warpAffine(image, rotated, rotation, image.size(), INTER_CUBIC, org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT, new Scalar());
        return rotated;
    }

    /** A white cup and saucer from above on a table of planks whose seams run at 6°. */
    private static Mat topDownCup() {
        Mat table = new Mat(600, 900, org.bytedeco.opencv.global.opencv_core.CV_8UC3, new Scalar(60, 110, 160, 0));
        double slope = Math.tan(Math.toRadians(6));
        for (int y = -100; y < 700; y += 110) {
            line(table, new Point(0, y), new Point(900, (int) (y + 900 * slope)), new Scalar(30, 60, 90, 0), 3, 8, 0);
        }
        circle(table, new Point(450, 300), 210, new Scalar(235, 235, 235, 0), -1, 8, 0);
        circle(table, new Point(450, 300), 130, new Scalar(250, 250, 250, 0), -1, 8, 0);
        circle(table, new Point(450, 300), 105, new Scalar(40, 70, 110, 0), -1, 8, 0);
        return table;
    }
}

package dev.lightbox.scoring.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import dev.lightbox.support.TestImages;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

class ReducerTest {

    private static ScoringConfig preset(String name) {
        var preset = Presets.ALL.get(name);
        return new ScoringConfig(UUID.randomUUID(), name, preset.weights(), preset.thresholds(), true, Instant.now());
    }

    /** Real attributes from the real analyzer (the same one the analysis job runs). */
    private static Map<String, Object> attributes(Mat image) throws Exception {
        Class<?> configuration = Class.forName("dev.lightbox.analysis.service.AnalysisConfiguration");
        var constructor = configuration.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object config = constructor.newInstance();
        Method factory = configuration.getDeclaredMethod("photoAnalyzer");
        factory.setAccessible(true);
        var analyzer = (dev.lightbox.analysis.service.PhotoAnalyzer) factory.invoke(config);
        var all = new HashMap<String, Object>(analyzer.technical(image));
        all.putAll(analyzer.composition(image));
        all.put("faceCount", 0);
        return all;
    }

    @Test
    void aBlurredCopyScoresLowerThanItsOriginal() throws Exception {
        Mat original = TestImages.decode(TestImages.read(TestImages.MESSI));
        Mat blurred = new Mat();
        GaussianBlur(original, blurred, new Size(15, 15), 0);
        double sharp = Reducer.score(attributes(original), preset("Balanced")).score();
        double soft = Reducer.score(attributes(blurred), preset("Balanced")).score();
        assertThat(soft).isLessThan(sharp - 5);
        assertThat(sharp).isBetween(0.0, 100.0);
    }

    @Test
    void thresholdsMarkFailuresWithTheirReason() {
        Map<String, Object> dim = Map.of("sharpness", 0.1, "exposure", "under", "faceCount", 0, "noise", 0.2, "brightness", 0.1);
        var technical = Reducer.score(dim, preset("Technical"));
        assertThat(technical.passed()).isFalse();
        assertThat(technical.failures()).containsExactly("Sharpness 0.10 is below the minimum 0.30", "Exposure is under, not ok");
        assertThat(Reducer.score(dim, preset("Portrait")).failures()).containsExactly("No face found");
        assertThat(Reducer.score(dim, preset("Landscape")).passed()).isTrue();
    }

    @Test
    void adviceCitesTheNumbers() {
        var advice = Advisor.advise(Map.of("shadowClipping", 0.18, "exposure", "under", "brightness", 0.12, "horizonTilt", 3.14, "horizonConfidence", 0.8));
        assertThat(advice).contains("Shadows clipped in 18% of the frame: expose brighter or lift the shadows.",
                "The horizon tilts 3.1°: straighten it.");
        var explanation = Advisor.explain(Map.of("sharpness", 0.92), preset("Technical"),
                Map.of(dev.lightbox.analysis.Attribute.SHARPNESS, java.util.OptionalDouble.of(0.88)));
        assertThat(explanation).contains("Sharpness 0.92 — sharper than 88% of your library");
    }

    @Test
    void configsAreValidatedWithClearMessages() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ScoringConfigService.validate("x", Map.of("sharpness", 1.5), ScoringConfig.Thresholds.NONE)))
                .hasMessage("weights.sharpness: must be between 0 and 1.");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ScoringConfigService.validate("x", Map.of("beauty", 0.5), ScoringConfig.Thresholds.NONE)))
                .hasMessageStartingWith("weights.beauty: not an attribute");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ScoringConfigService.validate("x", Map.of("sharpness", 0.0), ScoringConfig.Thresholds.NONE)))
                .hasMessage("weights: give at least one attribute a weight above 0.");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ScoringConfigService.validate(" ", Map.of("sharpness", 1.0), ScoringConfig.Thresholds.NONE)))
                .hasMessageStartingWith("name:");
    }
}

package dev.lightbox.scoring.service;

import static dev.lightbox.analysis.Attribute.*;

import dev.lightbox.analysis.Attribute;
import java.util.LinkedHashMap;
import java.util.Map;

/** The built-in configs every user starts with; Balanced is active until the user picks another. */
final class Presets {

    record Preset(String name, Map<String, Double> weights, ScoringConfig.Thresholds thresholds) {
    }

    private Presets() {
    }

    static final Map<String, Preset> ALL = new LinkedHashMap<>();

    /**
     * Sharpness under this fails every preset: an obviously blurred photo (a 15 px Gaussian blur of a 0.3 MP
     * photo, or σ 3 px at 2 MP, reads at most 0.08 on the real photos measured) while the softest
     * original measured (a 512 px photo upscaled to 12 MP) reads 0.18. See the README's "Presets".
     */
    static final double MIN_SHARPNESS = 0.1;

    static {
        // Sharpness and BRISQUE both fall with blur; the noise estimate rises with fine texture, so it weighs little
        add("Balanced", weights(SHARPNESS, 1.0, BRISQUE, 0.8, EXPOSURE, 0.6, HIGHLIGHT_CLIPPING, 0.4, SHADOW_CLIPPING, 0.3, BRIGHTNESS, 0.2,
                CONTRAST, 0.3, COLORFULNESS, 0.2, NOISE, 0.2, THIRDS, 0.2, HORIZON_TILT, 0.2), new ScoringConfig.Thresholds(MIN_SHARPNESS, false, false, null));
        add("Portrait", weights(FACE_COUNT, 1.0, SHARPNESS, 0.9, BRISQUE, 0.8, EXPOSURE, 0.8, HIGHLIGHT_CLIPPING, 0.5, NOISE, 0.2),
                new ScoringConfig.Thresholds(MIN_SHARPNESS, false, true, null));
        add("Landscape", weights(SHARPNESS, 1.0, BRISQUE, 0.7, HORIZON_TILT, 0.6, THIRDS, 0.5, COLORFULNESS, 0.5, CONTRAST, 0.4,
                HIGHLIGHT_CLIPPING, 0.5, SATURATION, 0.2), new ScoringConfig.Thresholds(MIN_SHARPNESS, false, false, null));
        add("Technical", weights(SHARPNESS, 1.0, NOISE, 0.8, BRISQUE, 0.8, SHADOW_CLIPPING, 0.6, HIGHLIGHT_CLIPPING, 0.6, EXPOSURE, 0.6),
                new ScoringConfig.Thresholds(0.3, true, false, null));
    }

    private static Map<String, Double> weights(Object... pairs) {
        var weights = new LinkedHashMap<String, Double>();
        for (int i = 0; i < pairs.length; i += 2) weights.put(((Attribute) pairs[i]).weight(), (Double) pairs[i + 1]);
        return weights;
    }

    private static void add(String name, Map<String, Double> weights, ScoringConfig.Thresholds thresholds) {
        ALL.put(name, new Preset(name, weights, thresholds));
    }
}

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

    static {
        add("Balanced", weights(SHARPNESS, 1.0, EXPOSURE, 0.8, BRIGHTNESS, 0.4, SHADOW_CLIPPING, 0.4, HIGHLIGHT_CLIPPING, 0.5,
                CONTRAST, 0.4, COLORFULNESS, 0.3, NOISE, 0.4, BRISQUE, 0.5, THIRDS, 0.3, HORIZON_TILT, 0.3), ScoringConfig.Thresholds.NONE);
        add("Portrait", weights(FACE_COUNT, 1.0, SHARPNESS, 0.8, EXPOSURE, 0.8, HIGHLIGHT_CLIPPING, 0.5, NOISE, 0.4, BRISQUE, 0.3),
                new ScoringConfig.Thresholds(null, false, true, null));
        add("Landscape", weights(HORIZON_TILT, 1.0, THIRDS, 0.8, COLORFULNESS, 0.6, CONTRAST, 0.5, SHARPNESS, 0.7,
                HIGHLIGHT_CLIPPING, 0.5, SATURATION, 0.3), ScoringConfig.Thresholds.NONE);
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

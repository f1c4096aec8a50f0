package dev.lightbox.scoring.service;

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
        add("Balanced", weights("sharpness", 1.0, "exposure", 0.8, "brightness", 0.4, "shadowClipping", 0.4, "highlightClipping", 0.5,
                "contrast", 0.4, "colorfulness", 0.3, "noise", 0.4, "brisque", 0.5, "thirds", 0.3, "horizonTilt", 0.3), ScoringConfig.Thresholds.NONE);
        add("Portrait", weights("faces", 1.0, "sharpness", 0.8, "exposure", 0.8, "highlightClipping", 0.5, "noise", 0.4, "brisque", 0.3),
                new ScoringConfig.Thresholds(null, false, true, null));
        add("Landscape", weights("horizonTilt", 1.0, "thirds", 0.8, "colorfulness", 0.6, "contrast", 0.5, "sharpness", 0.7,
                "highlightClipping", 0.5, "saturation", 0.3), ScoringConfig.Thresholds.NONE);
        add("Technical", weights("sharpness", 1.0, "noise", 0.8, "brisque", 0.8, "shadowClipping", 0.6, "highlightClipping", 0.6, "exposure", 0.6),
                new ScoringConfig.Thresholds(0.3, true, false, null));
    }

    private static Map<String, Double> weights(Object... pairs) {
        var weights = new LinkedHashMap<String, Double>();
        for (int i = 0; i < pairs.length; i += 2) weights.put((String) pairs[i], (Double) pairs[i + 1]);
        return weights;
    }

    private static void add(String name, Map<String, Double> weights, ScoringConfig.Thresholds thresholds) {
        ALL.put(name, new Preset(name, weights, thresholds));
    }
}

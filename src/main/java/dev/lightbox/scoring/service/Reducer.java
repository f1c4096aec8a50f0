package dev.lightbox.scoring.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns analysis attributes into a score: each attribute becomes a "goodness" in 0..1 (the documented
 * mapping below), the score is 100 × the weighted mean of those goodnesses, and thresholds mark failures.
 * Pure and fast: re-scoring a library never touches images.
 */
public final class Reducer {

    /** The attributes a config can weigh, in display order. */
    public static final List<String> ATTRIBUTES = List.of("sharpness", "exposure", "brightness", "shadowClipping", "highlightClipping",
            "contrast", "colorfulness", "saturation", "noise", "brisque", "thirds", "horizonTilt", "faces");

    private Reducer() {
    }

    public record Scored(double score, boolean passed, List<String> failures) {
    }

    /** The 0..1 goodness of one attribute (higher is better), or -1 when the attributes lack it. */
    public static double goodness(String attribute, Map<String, Object> a) {
        return switch (attribute) {
            case "sharpness", "contrast", "saturation", "thirds" -> num(a, attribute);
            case "exposure" -> "ok".equals(a.get("exposure")) ? 1 : a.containsKey("exposure") ? 0.25 : -1;
            case "brightness" -> has(a, attribute) ? 1 - Math.min(1, Math.abs(num(a, attribute) - 0.5) * 2) : -1;
            case "shadowClipping", "highlightClipping" -> has(a, attribute) ? 1 - Math.min(1, num(a, attribute) * 4) : -1;
            case "colorfulness" -> has(a, attribute) ? Math.min(1, num(a, attribute) / 100) : -1;
            case "noise" -> has(a, attribute) ? 1 - num(a, attribute) : -1;
            case "brisque" -> has(a, attribute) ? 1 - Math.clamp(num(a, attribute) / 100, 0, 1) : -1;
            case "horizonTilt" -> has(a, attribute) ? 1 - Math.min(1, Math.abs(num(a, attribute)) / 10) : -1;
            case "faces" -> a.containsKey("faceCount") ? Math.min(1, num(a, "faceCount")) : -1;
            default -> -1;
        };
    }

    public static Scored score(Map<String, Object> attributes, ScoringConfig config) {
        double sum = 0;
        double weights = 0;
        for (var entry : config.weights().entrySet()) {
            double g = goodness(entry.getKey(), attributes);
            if (g < 0 || entry.getValue() <= 0) continue;
            sum += entry.getValue() * g;
            weights += entry.getValue();
        }
        double score = weights == 0 ? 0 : Math.round(1000 * sum / weights) / 10.0;
        List<String> failures = failures(attributes, config.thresholds());
        return new Scored(score, failures.isEmpty(), failures);
    }

    static List<String> failures(Map<String, Object> a, ScoringConfig.Thresholds t) {
        var failures = new ArrayList<String>();
        if (t.minSharpness() != null && num(a, "sharpness") < t.minSharpness()) {
            failures.add(String.format("Sharpness %.2f is below the minimum %.2f", num(a, "sharpness"), t.minSharpness()));
        }
        if (t.exposureOk() && !"ok".equals(a.get("exposure"))) failures.add("Exposure is " + a.get("exposure") + ", not ok");
        if (t.facesRequired() && num(a, "faceCount") < 1) failures.add("No face found");
        if (t.maxNoise() != null && num(a, "noise") > t.maxNoise()) {
            failures.add(String.format("Noise %.2f is above the maximum %.2f", num(a, "noise"), t.maxNoise()));
        }
        return failures;
    }

    private static boolean has(Map<String, Object> a, String key) {
        return a.get(key) instanceof Number;
    }

    private static double num(Map<String, Object> a, String key) {
        return a.get(key) instanceof Number n ? n.doubleValue() : 0;
    }
}

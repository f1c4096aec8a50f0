package dev.lightbox.scoring.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.BiFunction;

/** Words for a score: explanations that cite the numbers, and advice for what to do differently. */
final class Advisor {

    private Advisor() {
    }

    /**
     * One line per weighed attribute, strongest weight first, e.g. "Sharpness 0.92 — sharper than 88% of
     * your library". {@code percentile} answers for numeric attributes (empty without a library to compare).
     */
    static List<String> explain(Map<String, Object> a, ScoringConfig config, BiFunction<String, Double, OptionalDouble> percentile) {
        var lines = new ArrayList<String>();
        config.weights().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).forEach(entry -> {
            String line = switch (entry.getKey()) {
                case "sharpness" -> cite("Sharpness", a, "sharpness", percentile, "sharper than");
                case "brightness" -> cite("Brightness", a, "brightness", percentile, "brighter than");
                case "contrast" -> cite("Contrast", a, "contrast", percentile, "more contrast than");
                case "colorfulness" -> cite("Colourfulness", a, "colorfulness", percentile, "more colourful than");
                case "saturation" -> cite("Saturation", a, "saturation", percentile, "more saturated than");
                case "noise" -> cite("Noise", a, "noise", percentile, "noisier than");
                case "brisque" -> cite("BRISQUE quality", a, "brisque", percentile, "a higher (worse) BRISQUE than");
                case "thirds" -> cite("Rule of thirds", a, "thirds", percentile, "better placed than");
                case "exposure" -> "Exposure " + a.getOrDefault("exposure", "unknown");
                case "shadowClipping" -> String.format("Shadows clipped in %.0f%% of the frame", 100 * num(a, "shadowClipping"));
                case "highlightClipping" -> String.format("Highlights clipped in %.0f%% of the frame", 100 * num(a, "highlightClipping"));
                case "horizonTilt" -> String.format("Horizon tilt %.1f°", num(a, "horizonTilt"));
                case "faces" -> num(a, "faceCount") == 1 ? "1 face" : String.format("%.0f faces", num(a, "faceCount"));
                case "personal" -> a.get("personal") instanceof Number n
                        ? String.format("Personal score %.1f★ — what your ratings of similar photos suggest", n.doubleValue())
                        : "No personal score yet: rate 30 photos and learn your taste on the Training page";
                default -> null;
            };
            if (line != null) lines.add(line);
        });
        return lines;
    }

    private static String cite(String label, Map<String, Object> a, String attribute, BiFunction<String, Double, OptionalDouble> percentile,
                               String comparison) {
        double value = num(a, attribute);
        String number = attribute.equals("colorfulness") || attribute.equals("brisque") ? String.format("%.1f", value) : String.format("%.2f", value);
        OptionalDouble rank = percentile.apply(attribute, value);
        return label + " " + number + (rank.isPresent() ? String.format(" — %s %.0f%% of your library", comparison, 100 * rank.getAsDouble()) : "");
    }

    /** Concrete suggestions, each citing the number that prompted it. */
    static List<String> advise(Map<String, Object> a) {
        var advice = new ArrayList<String>();
        if (num(a, "shadowClipping") > 0.1) {
            advice.add(String.format("Shadows clipped in %.0f%% of the frame: expose brighter or lift the shadows.", 100 * num(a, "shadowClipping")));
        }
        if (num(a, "highlightClipping") > 0.05) {
            advice.add(String.format("Highlights clipped in %.0f%% of the frame: expose darker or recover the highlights.", 100 * num(a, "highlightClipping")));
        }
        if ("under".equals(a.get("exposure"))) advice.add(String.format("Underexposed (brightness %.2f): open up or use a longer exposure.", num(a, "brightness")));
        if ("over".equals(a.get("exposure"))) advice.add(String.format("Overexposed (brightness %.2f): stop down or shorten the exposure.", num(a, "brightness")));
        if (a.containsKey("sharpness") && num(a, "sharpness") < 0.3) {
            advice.add(String.format("Soft (sharpness %.2f): use a faster shutter, steady the camera, or check the focus.", num(a, "sharpness")));
        }
        if (Math.abs(num(a, "horizonTilt")) >= 1.5) advice.add(String.format("The horizon tilts %.1f°: straighten it.", num(a, "horizonTilt")));
        if (num(a, "noise") > 0.5) advice.add(String.format("Noisy (noise %.2f): use a lower ISO or more light.", num(a, "noise")));
        return advice;
    }

    private static double num(Map<String, Object> a, String key) {
        return a.get(key) instanceof Number n ? n.doubleValue() : 0;
    }
}

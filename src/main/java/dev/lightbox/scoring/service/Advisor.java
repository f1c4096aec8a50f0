package dev.lightbox.scoring.service;

import dev.lightbox.analysis.Attribute;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/** Words for a score: explanations that cite the numbers, and advice for what to do differently. */
final class Advisor {

    /** Below this {@code horizonConfidence} no horizon was found: its tilt is neither cited nor advised on (a close-up, a top-down shot). */
    static final double HORIZON_CONFIDENT = 0.5;

    private Advisor() {
    }

    /** Whether the analysis found a horizon line with confidence (analyses before analyzer version 4 have no confidence: no). */
    static boolean horizonFound(Map<String, Object> a) {
        return Attribute.HORIZON_CONFIDENCE.number(a) >= HORIZON_CONFIDENT;
    }

    /**
     * One line per weighed attribute, strongest weight first, e.g. "Sharpness 0.92 — sharper than 88% of
     * your library". {@code percentiles} has the library's rank of the photo's numeric attributes (none
     * without a library to compare).
     */
    static List<String> explain(Map<String, Object> a, ScoringConfig config, Map<Attribute, OptionalDouble> percentiles) {
        var lines = new ArrayList<String>();
        config.weights().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(entry -> Attribute.byWeight(entry.getKey()).map(attribute -> line(attribute, a, percentiles)).ifPresent(lines::add));
        return lines;
    }

    /** The numeric attributes a config weighs whose library rank {@link #explain} cites, with this photo's values. */
    static Map<Attribute, Double> cited(Map<String, Object> a, ScoringConfig config) {
        var cited = new EnumMap<Attribute, Double>(Attribute.class);
        config.weights().keySet().forEach(weight -> Attribute.byWeight(weight)
                .filter(attribute -> comparison(attribute) != null && a.get(attribute.key()) instanceof Number)
                .ifPresent(attribute -> cited.put(attribute, attribute.number(a))));
        return cited;
    }

    private static String line(Attribute attribute, Map<String, Object> a, Map<Attribute, OptionalDouble> percentiles) {
        String comparison = comparison(attribute);
        if (comparison != null) return cite(attribute, a, percentiles.getOrDefault(attribute, OptionalDouble.empty()), comparison);
        return switch (attribute) {
            case EXPOSURE -> "Exposure " + a.getOrDefault(attribute.key(), "unknown");
            case SHADOW_CLIPPING -> String.format("Shadows clipped in %.0f%% of the frame", 100 * attribute.number(a));
            case HIGHLIGHT_CLIPPING -> String.format("Highlights clipped in %.0f%% of the frame", 100 * attribute.number(a));
            case HORIZON_TILT -> horizonFound(a) ? String.format("Horizon tilt %.1f°", attribute.number(a)) : "No horizon found: tilt not judged";
            case FACE_COUNT -> attribute.number(a) == 1 ? "1 face" : String.format("%.0f faces", attribute.number(a));
            case PERSONAL -> a.get(attribute.key()) instanceof Number n
                    ? String.format("Personal score %.1f★ — what your ratings of similar photos suggest", n.doubleValue())
                    : "No personal score yet: rate 30 photos and learn your taste on the Training page";
            case VISION_AESTHETIC -> a.get(attribute.key()) instanceof Number n
                    ? String.format("AI aesthetic mark %.0f/10", n.doubleValue())
                    : "No AI aesthetic mark: use Describe with AI on the photo";
            default -> attribute.label();
        };
    }

    /** How a photo ranking above others in this attribute is said ("sharper than"), for attributes cited with their rank. */
    private static @Nullable String comparison(Attribute attribute) {
        return switch (attribute) {
            case SHARPNESS -> "sharper than";
            case BRIGHTNESS -> "brighter than";
            case CONTRAST -> "more contrast than";
            case COLORFULNESS -> "more colourful than";
            case SATURATION -> "more saturated than";
            case NOISE -> "noisier than";
            case BRISQUE -> "worse than";
            case THIRDS -> "better placed than";
            case EXPOSURE, SHADOW_CLIPPING, HIGHLIGHT_CLIPPING, HORIZON_TILT, HORIZON_CONFIDENCE, FACE_COUNT, FACE_BOXES, FACE_DETECTOR, PERCEPTUAL_HASH, PERSONAL,
                 VISION_CAPTION, VISION_SUBJECTS, VISION_SETTING, VISION_MOOD, VISION_TAGS, VISION_AESTHETIC, VISION_MODEL -> null;
        };
    }

    private static String cite(Attribute attribute, Map<String, Object> a, OptionalDouble rank, String comparison) {
        double value = attribute.number(a);
        if (attribute == Attribute.BRISQUE) {
            return String.format("Image quality (BRISQUE) %.0f — %s; 0 is best, 100 worst", value, brisqueWord(value))
                    + (rank.isPresent() ? String.format("; %s %.0f%% of your library", comparison, 100 * rank.getAsDouble()) : "");
        }
        String number = attribute.scale().max() > 1 ? String.format("%.1f", value) : String.format("%.2f", value);
        return attribute.label() + " " + number + (rank.isPresent() ? String.format(" — %s %.0f%% of your library", comparison, 100 * rank.getAsDouble()) : "");
    }

    /** BRISQUE in words, from the values measured on real photos: sharp originals 7–32, visibly soft 45–60, blurred copies 64 and up. */
    static String brisqueWord(double brisque) {
        if (brisque < 35) return "good";
        if (brisque < 50) return "fair";
        if (brisque < 62) return "poor";
        return "bad (blurred or heavily compressed)";
    }

    /** Concrete suggestions, each citing the number that prompted it. */
    static List<String> advise(Map<String, Object> a) {
        var advice = new ArrayList<String>();
        if (Attribute.SHADOW_CLIPPING.number(a) > 0.1) {
            advice.add(String.format("Shadows clipped in %.0f%% of the frame: expose brighter or lift the shadows.", 100 * Attribute.SHADOW_CLIPPING.number(a)));
        }
        if (Attribute.HIGHLIGHT_CLIPPING.number(a) > 0.05) {
            advice.add(String.format("Highlights clipped in %.0f%% of the frame: expose darker or recover the highlights.", 100 * Attribute.HIGHLIGHT_CLIPPING.number(a)));
        }
        if ("under".equals(a.get(Attribute.EXPOSURE.key()))) advice.add(String.format("Underexposed (brightness %.2f): open up or use a longer exposure.", Attribute.BRIGHTNESS.number(a)));
        if ("over".equals(a.get(Attribute.EXPOSURE.key()))) advice.add(String.format("Overexposed (brightness %.2f): stop down or shorten the exposure.", Attribute.BRIGHTNESS.number(a)));
        if (a.containsKey(Attribute.SHARPNESS.key()) && Attribute.SHARPNESS.number(a) < 0.3) {
            advice.add(String.format("Soft (sharpness %.2f): use a faster shutter, steady the camera, or check the focus.", Attribute.SHARPNESS.number(a)));
        }
        if (horizonFound(a) && Math.abs(Attribute.HORIZON_TILT.number(a)) >= 1.5) advice.add(String.format("The horizon tilts %.1f°: straighten it.", Attribute.HORIZON_TILT.number(a)));
        if (Attribute.NOISE.number(a) > 0.5) advice.add(String.format("Noisy (noise %.2f): use a lower ISO or more light.", Attribute.NOISE.number(a)));
        return advice;
    }
}

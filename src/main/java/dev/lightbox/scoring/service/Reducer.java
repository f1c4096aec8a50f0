package dev.lightbox.scoring.service;

import dev.lightbox.analysis.Attribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns analysis attributes into a score: each attribute becomes a "goodness" in 0..1 (the documented
 * mapping below), the score is 100 × the weighted mean of those goodnesses, and thresholds mark failures.
 * Pure and fast: re-scoring a library never touches images.
 */
public final class Reducer {

    /** The attributes a config can weigh (their weight names), in display order: the catalogue's. */
    public static final List<String> ATTRIBUTES = Attribute.weighable().stream().map(Attribute::weight).toList();

    private Reducer() {
    }

    public record Scored(double score, boolean passed, List<String> failures) {
    }

    /** The 0..1 goodness of one attribute, by its weight name (higher is better), or -1 when the attributes lack it. */
    public static double goodness(String attribute, Map<String, Object> a) {
        return Attribute.byWeight(attribute).map(known -> known.goodness(a)).orElse(-1.0);
    }

    public static Scored score(Map<String, Object> attributes, ScoringConfig config) {
        return score(features(attributes), weights(config), config.thresholds());
    }

    /**
     * What scoring needs of one photo's attributes, reduced once: the goodness per attribute (in
     * {@link #ATTRIBUTES} order, -1 where missing) and the raw values thresholds look at. Scoring many
     * photos under many configs (the editor's live preview) starts from these. A value the attributes lack
     * (a device synced a partial set) is "not measured": NaN, or a null exposure; it neither passes nor fails a threshold.
     */
    public record Features(float[] goodness, double sharpness, @Nullable String exposure, double faceCount, double noise) {
    }

    public static Features features(Map<String, Object> a) {
        List<Attribute> weighable = Attribute.weighable();
        float[] goodness = new float[weighable.size()];
        for (int i = 0; i < goodness.length; i++) goodness[i] = (float) weighable.get(i).goodness(a);
        return new Features(goodness, measured(Attribute.SHARPNESS, a), a.get(Attribute.EXPOSURE.key()) instanceof String e ? e : null,
                measured(Attribute.FACE_COUNT, a), measured(Attribute.NOISE, a));
    }

    private static double measured(Attribute attribute, Map<String, Object> a) {
        return a.get(attribute.key()) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The config's weights in {@link #ATTRIBUTES} order. */
    public static double[] weights(ScoringConfig config) {
        double[] weights = new double[ATTRIBUTES.size()];
        config.weights().forEach((attribute, weight) -> {
            int i = ATTRIBUTES.indexOf(attribute);
            if (i >= 0 && weight > 0) weights[i] = weight;
        });
        return weights;
    }

    public static Scored score(Features f, double[] weights, ScoringConfig.Thresholds thresholds) {
        return new Scored(scoreOnly(f, weights), failures(f, thresholds).isEmpty(), failures(f, thresholds));
    }

    /** The 0–100 score alone (one decimal), for ranking many photos without building failure texts. */
    public static double scoreOnly(Features f, double[] weights) {
        double sum = 0;
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] <= 0 || f.goodness()[i] < 0) continue;
            sum += weights[i] * f.goodness()[i];
            total += weights[i];
        }
        return total == 0 ? 0 : Math.round(1000 * sum / total) / 10.0;
    }

    public static boolean passes(Features f, ScoringConfig.Thresholds t) {
        return (t.minSharpness() == null || Double.isNaN(f.sharpness()) || f.sharpness() >= t.minSharpness())
                && (!t.exposureOk() || f.exposure() == null || "ok".equals(f.exposure()))
                && (!t.facesRequired() || Double.isNaN(f.faceCount()) || f.faceCount() >= 1)
                && (t.maxNoise() == null || Double.isNaN(f.noise()) || f.noise() <= t.maxNoise());
    }

    static List<String> failures(Features f, ScoringConfig.Thresholds t) {
        if (passes(f, t)) return List.of();
        var failures = new ArrayList<String>();
        if (t.minSharpness() != null && f.sharpness() < t.minSharpness()) { // false for NaN: not measured
            failures.add(String.format("Sharpness %.2f is below the minimum %.2f", f.sharpness(), t.minSharpness()));
        }
        if (t.exposureOk() && f.exposure() != null && !"ok".equals(f.exposure())) failures.add("Exposure is " + f.exposure() + ", not ok");
        if (t.facesRequired() && f.faceCount() < 1) failures.add("No face found");
        if (t.maxNoise() != null && f.noise() > t.maxNoise()) {
            failures.add(String.format("Noise %.2f is above the maximum %.2f", f.noise(), t.maxNoise()));
        }
        return failures;
    }
}

package dev.lightbox.training.service;

import dev.lightbox.analysis.Attribute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * The regressor behind the personal score: Tribuo's linear SGD model (squared loss, AdaGrad) on the
 * cached attributes, each scaled to about 0..1, plus exposure as three indicators. Pure: data in, model out.
 */
final class TasteModel {

    /** The catalogue's numeric attributes of the content, learnt from (the personal score itself is not one of them). */
    static final List<Attribute> LEARNT = Arrays.stream(Attribute.values())
            .filter(a -> a.source() == Attribute.Source.CONTENT && a.kind() == Attribute.Kind.NUMBER).toList();
    static final String SHARPNESS_LOG = "sharpnessLog";
    /** Feature names: each learnt attribute's key (sharpness followed by its log), then one indicator per exposure level. */
    static final List<String> FEATURES = featureNames();
    private static final RegressionFactory FACTORY = new RegressionFactory();

    private final Model<Regressor> model;

    private TasteModel(Model<Regressor> model) {
        this.model = model;
    }

    private static List<String> featureNames() {
        var names = new ArrayList<String>();
        for (Attribute attribute : LEARNT) {
            names.add(attribute.key());
            if (attribute == Attribute.SHARPNESS) names.add(SHARPNESS_LOG);
        }
        Attribute.EXPOSURE.scale().levels().forEach(level -> names.add(Attribute.EXPOSURE.key() + ":" + level));
        return List.copyOf(names);
    }

    /** Attribute values as the model's features, in {@link #FEATURES} order. */
    static double[] features(Map<String, Object> a) {
        double[] f = new double[FEATURES.size()];
        int i = 0;
        for (Attribute attribute : LEARNT) {
            f[i++] = feature(attribute, attribute.number(a));
            if (attribute == Attribute.SHARPNESS) {
                double sharpness = feature(attribute, attribute.number(a));
                // sharpness maps the Laplacian variance v to v / (v + 150), which crowds soft photos near 0: the
                // log of v spreads them out again (the eye judges blur on a log scale too)
                f[i++] = Math.clamp((Math.log10(150 * sharpness / (1 - sharpness)) + 1) / 5, 0, 1.5);
            }
        }
        Object exposure = a.get(Attribute.EXPOSURE.key());
        for (String level : Attribute.EXPOSURE.scale().levels()) f[i++] = level.equals(exposure) ? 1 : 0;
        return f;
    }

    /** One attribute scaled to about 0..1 for the regressor (what is not a number of the content is not learnt). */
    private static double feature(Attribute attribute, double v) {
        return switch (attribute) {
            case SHARPNESS -> Math.clamp(v, 1e-4, 1 - 1e-4);
            case BRIGHTNESS, SHADOW_CLIPPING, HIGHLIGHT_CLIPPING, CONTRAST, SATURATION, NOISE, THIRDS -> v;
            case COLORFULNESS -> Math.min(1.5, v / 100);
            case BRISQUE -> Math.clamp(v / 100, 0, 1.5);
            case HORIZON_TILT -> Math.min(2, Math.abs(v) / 10);
            case FACE_COUNT -> Math.min(3, v) / 3;
            case EXPOSURE, HORIZON_CONFIDENCE, FACE_BOXES, FACE_DETECTOR, PERCEPTUAL_HASH, PERSONAL, VISION_CAPTION, VISION_SUBJECTS, VISION_SETTING,
                 VISION_MOOD, VISION_TAGS, VISION_AESTHETIC, VISION_MODEL -> 0;
        };
    }

    static TasteModel train(List<double[]> features, List<Double> stars, long seed) {
        var dataset = new MutableDataset<>(new SimpleDataSourceProvenance("ratings", FACTORY), FACTORY);
        String[] names = FEATURES.toArray(String[]::new);
        for (int i = 0; i < features.size(); i++) {
            dataset.add(new ArrayExample<>(new Regressor("stars", stars.get(i)), names, features.get(i)));
        }
        var trainer = new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.1, 1e-6), 1000, 100_000, 1, seed);
        return new TasteModel(trainer.train(dataset));
    }

    double predict(double[] features) {
        Example<Regressor> example = new ArrayExample<>(FACTORY.getUnknownOutput(), FEATURES.toArray(String[]::new), features);
        Prediction<Regressor> prediction = model.predict(example);
        return prediction.getOutput().getValues()[0];
    }

    /**
     * How well ratings are predicted for photos the model did not see: k-fold cross-validation, Spearman's
     * rank correlation between predictions and ratings over all folds.
     */
    static double crossValidatedSpearman(List<double[]> features, List<Double> stars, int folds, long seed) {
        int n = features.size();
        double[] predicted = new double[n];
        for (int fold = 0; fold < folds; fold++) {
            var trainX = new ArrayList<double[]>();
            var trainY = new ArrayList<Double>();
            for (int i = 0; i < n; i++) {
                if (i % folds != fold) {
                    trainX.add(features.get(i));
                    trainY.add(stars.get(i));
                }
            }
            TasteModel model = train(trainX, trainY, seed + fold);
            for (int i = fold; i < n; i += folds) predicted[i] = model.predict(features.get(i));
        }
        return spearman(predicted, stars.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Spearman's ρ: Pearson's correlation of the ranks (ties get their average rank). */
    static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double ma = Arrays.stream(ra).average().orElse(0);
        double mb = Arrays.stream(rb).average().orElse(0);
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < ra.length; i++) {
            cov += (ra[i] - ma) * (rb[i] - mb);
            va += (ra[i] - ma) * (ra[i] - ma);
            vb += (rb[i] - mb) * (rb[i] - mb);
        }
        return va == 0 || vb == 0 ? 0 : cov / Math.sqrt(va * vb);
    }

    private static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
        double[] ranks = new double[values.length];
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) j++;
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) ranks[order[k]] = rank;
            i = j + 1;
        }
        return ranks;
    }
}

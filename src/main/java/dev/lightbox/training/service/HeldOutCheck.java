package dev.lightbox.training.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a trained model's held-out accuracy says anything. Two warnings, published with the model:
 * <ul>
 * <li>a label with fewer than {@value #MIN_HELD_OUT_PER_LABEL} held-out photos: too few to tell;</li>
 * <li>accuracy not clearly above chance: chance is what always answering the most frequent held-out label
 * scores, and the one-sided binomial test of the number right against it must reach 95% confidence. The
 * kept epoch was chosen on these same photos, so the level is divided by the number of epochs compared
 * (Bonferroni): p &lt; 0.05 / epochs. E.g. on two labels with one epoch 6 of 6 right passes (p = 0.016)
 * and 5 of 6 does not (p = 0.11); with 30 epochs 10 of 10 passes (p = 0.001), 9 of 10 does not.</li>
 * </ul>
 */
final class HeldOutCheck {

    static final int MIN_HELD_OUT_PER_LABEL = 5;
    static final double SIGNIFICANCE = 0.05;

    private HeldOutCheck() {
    }

    static List<String> warnings(int[] heldOutLabels, double accuracy, List<String> names, int epochsCompared) {
        var warnings = new ArrayList<String>();
        int n = heldOutLabels.length;
        int[] counts = new int[names.size()];
        for (int label : heldOutLabels) counts[label]++;
        var thin = new ArrayList<String>();
        int largest = 0;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] < MIN_HELD_OUT_PER_LABEL) thin.add("“" + names.get(c) + "” " + counts[c]);
            if (counts[c] > counts[largest]) largest = c;
        }
        if (!thin.isEmpty()) {
            warnings.add("Too few held-out photos to tell how well this model works (" + String.join(", ", thin) + "; at least "
                    + MIN_HELD_OUT_PER_LABEL + " per label are needed): label more photos or raise the validation split.");
        }
        int right = (int) Math.round(accuracy * n);
        double chance = n == 0 ? 1 : (double) counts[largest] / n;
        double p = atLeast(right, n, chance);
        if (p >= SIGNIFICANCE / Math.max(1, epochsCompared)) {
            warnings.add(String.format(Locale.ROOT, "Held-out accuracy %.0f%% (%d of %d) is not clearly above chance (%.0f%% by always answering “%s”;"
                    + " p = %.2f): the model may have learnt nothing useful.", 100 * accuracy, right, n, 100 * chance, names.get(largest), p));
        }
        return warnings;
    }

    /** P(X ≥ k) for X ~ Binomial(n, p). */
    static double atLeast(int k, int n, double p) {
        if (k <= 0) return 1;
        if (p >= 1) return 1;
        if (p <= 0) return 0;
        double sum = 0;
        for (int i = k; i <= n; i++) {
            sum += Math.exp(logChoose(n, i) + i * Math.log(p) + (n - i) * Math.log1p(-p));
        }
        return Math.min(1, sum);
    }

    private static double logChoose(int n, int k) {
        double value = 0;
        for (int i = 1; i <= k; i++) value += Math.log(n - k + i) - Math.log(i);
        return value;
    }
}

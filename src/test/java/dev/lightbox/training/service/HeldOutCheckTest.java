package dev.lightbox.training.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule that decides when a published model carries a warning about its held-out accuracy. */
class HeldOutCheckTest {

    private static final List<String> AB = List.of("a", "b");

    @Test
    void binomialTail() {
        assertThat(HeldOutCheck.atLeast(6, 6, 0.5)).isCloseTo(1 / 64.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(HeldOutCheck.atLeast(5, 6, 0.5)).isCloseTo(7 / 64.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(HeldOutCheck.atLeast(0, 6, 0.5)).isEqualTo(1);
    }

    @Test
    void tooFewHeldOutPhotosPerLabelWarns() {
        var warnings = HeldOutCheck.warnings(labels(4, 6), 1.0, AB, 1);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.getFirst()).startsWith("Too few held-out photos").contains("“a” 4");
    }

    @Test
    void accuracyNotClearlyAboveChanceWarns() {
        // 10 held out on two labels: 8 right is p = 0.055 against 50%
        assertThat(HeldOutCheck.warnings(labels(5, 5), 0.8, AB, 1)).singleElement().asString().contains("not clearly above chance");
        assertThat(HeldOutCheck.warnings(labels(5, 5), 0.9, AB, 1)).isEmpty();
        // the kept epoch was the best of 30 on the same photos: 9 of 10 is no longer enough, 10 of 10 is
        assertThat(HeldOutCheck.warnings(labels(5, 5), 0.9, AB, 30)).singleElement().asString().contains("not clearly above chance");
        assertThat(HeldOutCheck.warnings(labels(5, 5), 1.0, AB, 30)).isEmpty();
        // chance is the most frequent held-out label: 80% on a 16:4 split is what always answering "a" scores
        assertThat(HeldOutCheck.warnings(labels(16, 5), 16 / 21.0, AB, 1)).singleElement().asString().contains("always answering “a”");
    }

    @Test
    void aClearlyGoodModelOnEnoughPhotosHasNoWarning() {
        var names = List.of("circle", "square", "triangle");
        int[] held = new int[33];
        for (int i = 0; i < held.length; i++) held[i] = i / 11;
        assertThat(HeldOutCheck.warnings(held, 30 / 33.0, names, 30)).isEmpty();
    }

    private static int[] labels(int a, int b) {
        int[] labels = new int[a + b];
        for (int i = a; i < labels.length; i++) labels[i] = 1;
        return labels;
    }
}

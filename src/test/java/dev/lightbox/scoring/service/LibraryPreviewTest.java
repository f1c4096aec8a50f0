package dev.lightbox.scoring.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.library.service.PhotoRanking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The live preview keeps only the best and weakest photos (bounded heaps), and they are those a full sort finds. */
class LibraryPreviewTest {

    @Test
    void theExtremesAreThoseOfAFullSortForEverySize() {
        var random = new Random(11);
        var config = new ScoringConfig(UUID.randomUUID(), "draft", Presets.ALL.get("Balanced").weights(), ScoringConfig.Thresholds.NONE, false,
                Instant.now());
        for (int size : new int[] {0, 1, 2, 5, 11, 12, 13, 500}) {
            var entries = new ArrayList<LibraryPreview.Entry>();
            for (int i = 0; i < size; i++) {
                float[] goodness = new float[Reducer.ATTRIBUTES.size()];
                // few distinct values, so equal scores are common and the tie-break on the id is exercised
                for (int g = 0; g < goodness.length; g++) goodness[g] = random.nextInt(4) / 3f;
                entries.add(new LibraryPreview.Entry(new UUID(random.nextLong(), random.nextLong()),
                        new Reducer.Features(goodness, 0.5, "ok", 0, 0.1)));
            }
            var extremes = new LibraryPreview(entries).extremes(config, 6);

            double[] weights = Reducer.weights(config);
            List<PhotoRanking.Ranked> all = new ArrayList<>(entries.stream()
                    .map(e -> new PhotoRanking.Ranked(e.photoId(), Reducer.scoreOnly(e.features(), weights), true)).toList());
            all.sort(Comparator.comparingDouble(PhotoRanking.Ranked::score).reversed().thenComparing(PhotoRanking.Ranked::photoId));
            int k = Math.min(6, (size + 1) / 2);
            assertThat(extremes.top()).as("top of %d", size).containsExactlyElementsOf(all.subList(0, k));
            assertThat(extremes.bottom()).as("bottom of %d", size).containsExactlyElementsOf(all.subList(Math.max(k, size - 6), size));
        }
    }
}

package dev.lightbox.scoring.service;

import dev.lightbox.library.service.PhotoRanking;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A library's reduced attributes held in memory (a few dozen bytes per photo), so a config being edited
 * can rank the whole library on every slider move without touching the database.
 */
public final class LibraryPreview {

    record Entry(UUID photoId, Reducer.Features features) {
    }

    private final List<Entry> entries;

    LibraryPreview(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public record Extremes(List<PhotoRanking.Ranked> top, List<PhotoRanking.Ranked> bottom) {
    }

    public int size() {
        return entries.size();
    }

    /**
     * The {@code n} best and {@code n} worst photos under a (draft) config, the best first and the worst
     * last; a library smaller than 2n is split between the two halves.
     */
    public Extremes extremes(ScoringConfig draft, int n) {
        double[] weights = Reducer.weights(draft);
        var ranked = new ArrayList<PhotoRanking.Ranked>(entries.size());
        for (Entry entry : entries) {
            ranked.add(new PhotoRanking.Ranked(entry.photoId(), Reducer.scoreOnly(entry.features(), weights),
                    Reducer.passes(entry.features(), draft.thresholds())));
        }
        ranked.sort(Comparator.comparingDouble(PhotoRanking.Ranked::score).reversed().thenComparing(PhotoRanking.Ranked::photoId));
        int k = Math.min(n, (ranked.size() + 1) / 2);
        return new Extremes(List.copyOf(ranked.subList(0, k)), List.copyOf(ranked.subList(Math.max(k, ranked.size() - n), ranked.size())));
    }
}

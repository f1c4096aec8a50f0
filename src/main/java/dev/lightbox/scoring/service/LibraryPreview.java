package dev.lightbox.scoring.service;

import dev.lightbox.library.service.PhotoRanking;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
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
        int k = Math.min(n, (entries.size() + 1) / 2);
        int b = Math.min(n, entries.size() - k);
        Comparator<PhotoRanking.Ranked> best = Comparator.comparingDouble(PhotoRanking.Ranked::score).reversed()
                .thenComparing(PhotoRanking.Ranked::photoId);
        // two bounded heaps instead of sorting the library on every slider move: O(size × log n)
        var top = new PriorityQueue<PhotoRanking.Ranked>(k + 1, best.reversed());
        var bottom = new PriorityQueue<PhotoRanking.Ranked>(b + 1, best);
        for (Entry entry : entries) {
            var ranked = new PhotoRanking.Ranked(entry.photoId(), Reducer.scoreOnly(entry.features(), weights),
                    Reducer.passes(entry.features(), draft.thresholds()));
            keep(top, ranked, k);
            keep(bottom, ranked, b);
        }
        return new Extremes(sorted(top, best), sorted(bottom, best));
    }

    private static void keep(PriorityQueue<PhotoRanking.Ranked> heap, PhotoRanking.Ranked ranked, int size) {
        if (size == 0) return;
        heap.add(ranked);
        if (heap.size() > size) heap.poll();
    }

    private static List<PhotoRanking.Ranked> sorted(PriorityQueue<PhotoRanking.Ranked> heap, Comparator<PhotoRanking.Ranked> order) {
        var list = new ArrayList<>(heap);
        list.sort(order);
        return List.copyOf(list);
    }
}

package dev.lightbox.culling.service;

import dev.lightbox.culling.domain.GroupKind;
import dev.lightbox.culling.domain.GroupRepository.NewGroup;
import dev.lightbox.culling.domain.Shot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Finds a library's groups in memory, in about linear time: bursts by one pass over the shots sorted by
 * camera and time; near-duplicates by multi-index hashing (Norouzi et al.): the 64-bit hash is cut into
 * m blocks (5 of 12–13 bits for 100,000 photos), and two hashes within distance d agree within ⌊d/m⌋ bits
 * on at least one block, so hashes are compared only within buckets whose block values are that close,
 * never all with all.
 * Photos within the distance are joined transitively (a chain of near copies is one group).
 */
public final class Grouper {

    private static final Comparator<Shot> BY_TIME = Comparator.comparing(Shot::takenAt).thenComparing(Shot::photoId);

    private Grouper() {
    }

    /** Runs of two or more consecutive shots of the same known camera, each within {@code gap} of the previous (camera times only). */
    public static List<NewGroup> bursts(List<Shot> shots, Duration gap) {
        List<Shot> timed = shots.stream().filter(s -> s.camera() != null && s.takenAtFromCamera())
                .sorted(Comparator.comparing((Shot s) -> Objects.requireNonNull(s.camera())).thenComparing(BY_TIME)).toList();
        var groups = new ArrayList<NewGroup>();
        var run = new ArrayList<Shot>();
        for (Shot shot : timed) {
            if (!run.isEmpty()) {
                Shot previous = run.getLast();
                boolean continues = Objects.equals(previous.camera(), shot.camera())
                        && Duration.between(previous.takenAt(), shot.takenAt()).compareTo(gap) <= 0;
                if (!continues) {
                    close(run, GroupKind.BURST, groups);
                    run.clear();
                }
            }
            run.add(shot);
        }
        close(run, GroupKind.BURST, groups);
        return groups;
    }

    /** Connected sets of two or more hashed shots, joined where the hashes' Hamming distance is at most {@code distance} (0..63). */
    public static List<NewGroup> similar(List<Shot> shots, int distance) {
        Shot[] hashed = shots.stream().filter(Shot::hashed).toArray(Shot[]::new);
        int n = hashed.length;
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) hashes[i] = hashed[i].hash();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        int blocks = blocks(n);
        int radius = distance / blocks;
        for (int b = 0; b < blocks; b++) {
            int from = b * 64 / blocks;
            int width = (b + 1) * 64 / blocks - from;
            long field = width == 64 ? -1L : (1L << width) - 1;
            int buckets = 1 << width;
            // counting sort by this block's value: bucket v holds positions start[v] .. start[v + 1] of order (and of sorted, their hashes)
            int[] start = new int[buckets + 1];
            for (long h : hashes) start[(int) ((h >>> from) & field) + 1]++;
            for (int v = 0; v < buckets; v++) start[v + 1] += start[v];
            int[] fill = start.clone();
            int[] order = new int[n];
            long[] sorted = new long[n];
            for (int i = 0; i < n; i++) {
                int at = fill[(int) ((hashes[i] >>> from) & field)]++;
                order[at] = i;
                sorted[at] = hashes[i];
            }
            // bucket against bucket (each unordered pair of buckets within the radius once): contiguous runs, no per-photo probing
            int[] masks = masksUpTo(width, radius);
            for (int v = 0; v < buckets; v++) {
                int fromV = start[v], endV = start[v + 1];
                if (fromV == endV) continue;
                for (int mask : masks) {
                    int w = v ^ mask;
                    if (w < v) continue;
                    int endW = start[w + 1];
                    for (int k = fromV; k < endV; k++) {
                        long hash = sorted[k];
                        for (int l = mask == 0 ? k + 1 : start[w]; l < endW; l++) {
                            if (Long.bitCount(hash ^ sorted[l]) <= distance) union(parent, order[k], order[l]);
                        }
                    }
                }
            }
        }
        var members = new java.util.HashMap<Integer, List<Shot>>();
        for (int i = 0; i < n; i++) members.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(hashed[i]);
        var groups = new ArrayList<NewGroup>();
        for (List<Shot> set : members.values()) {
            if (set.size() < 2) continue;
            set.sort(BY_TIME);
            close(set, GroupKind.SIMILAR, groups);
        }
        return groups;
    }

    /**
     * How many blocks to cut the hash into: two hashes within d agree within ⌊d/m⌋ bits on one of m blocks.
     * More blocks mean fewer buckets to probe but fuller ones; about log₂ n − 3 bits per block balanced them
     * best in GroupingBench; at least 4 blocks (buckets of at most 16 bits).
     */
    static int blocks(int n) {
        int bitsPerBlock = Math.clamp(Math.round((float) (Math.log(Math.max(2, n)) / Math.log(2))) - 3, 8, 16);
        return Math.clamp(Math.round(64f / bitsPerBlock), 4, 8);
    }

    /** The pairs a brute-force comparison of every hash with every other finds (the bench's baseline): O(n²). */
    public static long pairsByBruteForce(long[] hashes, int distance) {
        long pairs = 0;
        for (int i = 0; i < hashes.length; i++) {
            for (int j = i + 1; j < hashes.length; j++) {
                if (Long.bitCount(hashes[i] ^ hashes[j]) <= distance) pairs++;
            }
        }
        return pairs;
    }

    private static void close(List<Shot> run, GroupKind kind, List<NewGroup> groups) {
        if (run.size() < 2) return;
        List<UUID> ids = run.stream().map(Shot::photoId).toList();
        UUID first = ids.stream().min(Comparator.naturalOrder()).orElseThrow();
        // the same members' group keeps its id across regroupings (the lowest member id and the kind name it)
        UUID id = UUID.nameUUIDFromBytes((kind.key() + ":" + first).getBytes(StandardCharsets.UTF_8));
        groups.add(new NewGroup(id, kind, run.getLast().takenAt(), ids));
    }

    /** Every {@code width}-bit mask with at most {@code radius} bits set. */
    static int[] masksUpTo(int width, int radius) {
        return java.util.stream.IntStream.range(0, 1 << width).filter(m -> Integer.bitCount(m) <= radius).toArray();
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
}

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
 * four 16-bit blocks, and two hashes within distance d agree within ⌊d/4⌋ bits on at least one block, so
 * each hash is compared only with those in the few buckets near its own blocks, never with all of them.
 * Photos within the distance are joined transitively (a chain of near copies is one group).
 */
public final class Grouper {

    private static final int BLOCKS = 4;
    private static final int BLOCK_BITS = 16;
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
        int radius = distance / BLOCKS;
        int[] masks = masksUpTo(radius);
        for (int b = 0; b < BLOCKS; b++) {
            int shift = b * BLOCK_BITS;
            // counting sort of the indices by this block's value: bucket v is order[start[v] .. start[v + 1])
            int[] start = new int[(1 << BLOCK_BITS) + 1];
            for (long h : hashes) start[block(h, shift) + 1]++;
            for (int v = 0; v < 1 << BLOCK_BITS; v++) start[v + 1] += start[v];
            int[] fill = start.clone();
            int[] order = new int[n];
            for (int i = 0; i < n; i++) order[fill[block(hashes[i], shift)]++] = i;
            for (int i = 0; i < n; i++) {
                int own = block(hashes[i], shift);
                for (int mask : masks) {
                    int v = own ^ mask;
                    for (int k = start[v]; k < start[v + 1]; k++) {
                        int j = order[k];
                        if (j > i && Long.bitCount(hashes[i] ^ hashes[j]) <= distance) union(parent, i, j);
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

    private static int block(long hash, int shift) {
        return (int) (hash >>> shift) & 0xFFFF;
    }

    /** Every 16-bit mask with at most {@code radius} bits set. */
    static int[] masksUpTo(int radius) {
        return java.util.stream.IntStream.range(0, 1 << BLOCK_BITS).filter(m -> Integer.bitCount(m) <= radius).toArray();
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

package dev.lightbox.culling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.culling.domain.GroupKind;
import dev.lightbox.culling.domain.GroupRepository.NewGroup;
import dev.lightbox.culling.domain.Shot;
import dev.lightbox.culling.service.Grouper;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Bursts by capture time and camera; near-duplicate sets by hash distance, as brute force would find them. */
class GrouperTest {

    private static final LocalDateTime T = LocalDateTime.of(2026, 6, 1, 12, 0, 0);

    @Test
    void burstsAreConsecutiveShotsOfOneCameraWithinTheGap() {
        Shot a1 = shot(T, "Canon", true);
        Shot a2 = shot(T.plusNanos(500_000_000), "Canon", true);
        Shot a3 = shot(T.plusSeconds(2).plusNanos(500_000_000), "Canon", true); // 2.0 s after a2: still the burst
        Shot a4 = shot(T.plusSeconds(5), "Canon", true); // 2.5 s later: a new run, alone
        Shot b1 = shot(T.plusNanos(100_000_000), "Nikon", true); // same moment, other camera: not in Canon's burst
        Shot b2 = shot(T.plusSeconds(1), "Nikon", true);
        Shot noCamera1 = shot(T, null, true);
        Shot noCamera2 = shot(T.plusSeconds(1), null, true);
        Shot uploadTime1 = shot(T, "Canon", false); // time from the upload, not the camera: never a burst
        List<NewGroup> groups = Grouper.bursts(List.of(a4, b2, a1, noCamera1, a3, b1, noCamera2, a2, uploadTime1), Duration.ofSeconds(2));
        assertThat(groups).extracting(NewGroup::photoIds).containsExactlyInAnyOrder(
                List.of(a1.photoId(), a2.photoId(), a3.photoId()), List.of(b1.photoId(), b2.photoId()));
        assertThat(groups).allSatisfy(g -> assertThat(g.kind()).isEqualTo(GroupKind.BURST));
        assertThat(groups).filteredOn(g -> g.photoIds().size() == 3).singleElement().extracting(NewGroup::takenAt).isEqualTo(a3.takenAt());

        assertThat(Grouper.bursts(List.of(a1, a2, a3), Duration.ofSeconds(1))).extracting(NewGroup::photoIds)
                .containsExactly(List.of(a1.photoId(), a2.photoId()));
        assertThat(Grouper.bursts(List.of(a1, a2, a3), Duration.ofSeconds(1))).extracting(NewGroup::id)
                .as("the same members keep their group's id").isEqualTo(Grouper.bursts(List.of(a2, a1), Duration.ofSeconds(1))
                        .stream().map(NewGroup::id).toList());
    }

    @Test
    void similarSetsMatchABruteForceComparison() {
        Random random = new Random(12);
        var shots = new ArrayList<Shot>();
        for (int i = 0; i < 3_000; i++) {
            long base = random.nextLong();
            shots.add(hashed(base));
            if (i % 10 == 0) {
                for (int copy = 0; copy < 1 + random.nextInt(3); copy++) shots.add(hashed(flip(base, random.nextInt(15), random)));
            }
        }
        shots.add(new Shot(UUID.randomUUID(), T, true, null, 0, false)); // not analysed: never grouped
        for (int distance : new int[] {0, 5, 8, 12, 16}) {
            Set<Set<UUID>> fast = Grouper.similar(shots, distance).stream().map(g -> Set.copyOf(g.photoIds())).collect(Collectors.toSet());
            assertThat(fast).as("distance " + distance).isEqualTo(bruteForce(shots, distance));
        }
        assertThat(Grouper.similar(shots, 12)).isNotEmpty().allSatisfy(g -> assertThat(g.kind()).isEqualTo(GroupKind.SIMILAR));
    }

    private static Set<Set<UUID>> bruteForce(List<Shot> shots, int distance) {
        List<Shot> hashed = shots.stream().filter(Shot::hashed).toList();
        int[] component = new int[hashed.size()];
        for (int i = 0; i < component.length; i++) component[i] = i;
        boolean changed = true;
        while (changed) { // label propagation to the smallest index reachable
            changed = false;
            for (int i = 0; i < hashed.size(); i++) {
                for (int j = i + 1; j < hashed.size(); j++) {
                    if (Long.bitCount(hashed.get(i).hash() ^ hashed.get(j).hash()) > distance) continue;
                    int low = Math.min(component[i], component[j]);
                    if (component[i] != low || component[j] != low) {
                        component[i] = low;
                        component[j] = low;
                        changed = true;
                    }
                }
            }
        }
        var sets = new java.util.HashMap<Integer, Set<UUID>>();
        for (int i = 0; i < hashed.size(); i++) sets.computeIfAbsent(component[i], c -> new HashSet<>()).add(hashed.get(i).photoId());
        return sets.values().stream().filter(s -> s.size() >= 2).collect(Collectors.toSet());
    }

    private static long flip(long hash, int bits, Random random) {
        long result = hash;
        var chosen = new HashSet<Integer>();
        while (chosen.size() < bits) chosen.add(random.nextInt(64));
        for (int bit : chosen) result ^= 1L << bit;
        return result;
    }

    private static Shot hashed(long hash) {
        return new Shot(UUID.randomUUID(), T, true, null, hash, true);
    }

    private static Shot shot(LocalDateTime at, String camera, boolean fromCamera) {
        return new Shot(UUID.randomUUID(), at, fromCamera, camera, 0, false);
    }
}

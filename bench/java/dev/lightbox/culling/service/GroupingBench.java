package dev.lightbox.culling.service;

import dev.lightbox.culling.domain.GroupRepository;
import dev.lightbox.culling.domain.Shot;
import dev.lightbox.jobs.JobService;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Grouping 100,000 photos' perceptual hashes (a fifth of them in near-duplicate sets of 2–5, copies 0–10
 * bits apart; bursts of 1–6 frames) with multi-index hashing, against a brute-force pairwise comparison
 * measured on a 5,000 sample and extrapolated (×400, as it grows with n²); then the grouping job end to
 * end on the same library in PostgreSQL (read photos and hashes, group, replace the groups).
 */
class GroupingBench extends IntegrationTest {

    private static final int PHOTOS = 100_000;
    private static final int SAMPLE = 5_000;
    private static final int RUNS = 5;
    private static final int DISTANCE = 12;

    @Autowired JdbcTemplate jdbc;
    @Autowired GroupRepository groups;
    @Autowired JobService jobs;

    @Test
    void groupHundredThousandPhotos() {
        List<Shot> shots = library(new Random(17));
        for (int i = 0; i < 2; i++) Grouper.similar(shots, DISTANCE); // warm-up
        double[] similar = new double[RUNS];
        double[] bursts = new double[RUNS];
        int found = 0;
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            found = Grouper.similar(shots, DISTANCE).size();
            similar[run] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            Grouper.bursts(shots, Duration.ofSeconds(2));
            bursts[run] = (System.nanoTime() - start) / 1e6;
        }
        long[] sample = shots.stream().limit(SAMPLE).mapToLong(Shot::hash).toArray();
        for (int i = 0; i < 3; i++) Grouper.pairsByBruteForce(sample, DISTANCE); // warm-up
        double[] bruteRuns = new double[RUNS];
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            Grouper.pairsByBruteForce(sample, DISTANCE);
            bruteRuns[run] = (System.nanoTime() - start) / 1e6;
        }
        double brute = median(bruteRuns);
        double extrapolated = brute * Math.pow((double) PHOTOS / SAMPLE, 2);
        System.out.printf("%nGrouping %,d photos' hashes (distance ≤ %d), in memory, median of %d:%n", PHOTOS, DISTANCE, RUNS);
        System.out.printf("  near-duplicates by multi-index hashing: %.0f ms (%,d groups); bursts: %.0f ms%n", median(similar), found, median(bursts));
        System.out.printf("  brute force on %,d: %.0f ms → %,d extrapolated: %.0f ms (%.0f s); multi-index is %.1f× faster%n", SAMPLE, brute, PHOTOS,
                extrapolated, extrapolated / 1000, extrapolated / median(similar));

        var api = api();
        UUID owner = UUID.fromString(api.get("/api/v1/auth/me", api.login(api.signUpNewUser(), USER_PASSWORD)).json().get("id").asString());
        String[] hexes = shots.stream().map(s -> String.format("%016x", s.hash())).toArray(String[]::new);
        java.sql.Timestamp[] times = shots.stream().map(s -> java.sql.Timestamp.valueOf(s.takenAt())).toArray(java.sql.Timestamp[]::new);
        jdbc.update(con -> {
            var statement = con.prepareStatement("""
                    insert into photos (id, owner_id, sha256, size_bytes, format, width, height, orientation, taken_at, taken_at_source,
                                        uploaded_at, camera_make, camera_model)
                    select gen_random_uuid(), ?, 'bench-group' || lpad(to_hex(g.n::int), 53, '0'), 1000, 'JPEG', 400, 300, 1, g.t, 'EXIF', now(),
                           'Canon', 'EOS R6'
                    from unnest(?::timestamp[]) with ordinality as g(t, n)""");
            statement.setObject(1, owner);
            statement.setArray(2, con.createArrayOf("timestamp", times));
            return statement;
        });
        jdbc.update(con -> {
            var statement = con.prepareStatement("""
                    insert into photo_attributes (sha256, analyzer_version, attributes, analyzed_at)
                    select 'bench-group' || lpad(to_hex(h.n::int), 53, '0'), 3, jsonb_build_object('perceptualHash', h.hash), now()
                    from unnest(?::text[]) with ordinality as h(hash, n)""");
            statement.setArray(1, con.createArrayOf("text", hexes));
            return statement;
        });
        double[] job = new double[3];
        for (int run = 0; run < job.length; run++) {
            long queued = System.nanoTime();
            UUID id = jobs.enqueue(GroupingJob.request(owner).delayedBy(Duration.ZERO));
            ApiClient.await("grouping job", Duration.ofMinutes(5), () -> jobs.find(owner, id).orElseThrow().status().name(),
                    status -> status.equals("SUCCEEDED"));
            job[run] = (System.nanoTime() - queued) / 1e6;
        }
        System.out.printf("  the grouping job on the same library in PostgreSQL (queue → read %,d photos and hashes → group → replace %,d + %,d groups): median of 3 %.0f ms%n",
                PHOTOS, groups.count(owner, dev.lightbox.culling.domain.GroupKind.BURST), groups.count(owner, dev.lightbox.culling.domain.GroupKind.SIMILAR),
                median(job));
    }

    /** Photos a second to a few minutes apart (bursts of up to 6 frames 0.5 s apart), a fifth of them near copies of another. */
    private static List<Shot> library(Random random) {
        var shots = new ArrayList<Shot>(PHOTOS);
        LocalDateTime time = LocalDateTime.of(2020, 1, 1, 0, 0);
        long base = random.nextLong();
        while (shots.size() < PHOTOS) {
            boolean copy = random.nextInt(5) == 0 && !shots.isEmpty();
            long hash = copy ? flip(base, random.nextInt(11), random) : random.nextLong();
            if (!copy) base = hash;
            int frames = random.nextInt(10) == 0 ? 2 + random.nextInt(5) : 1;
            for (int f = 0; f < frames && shots.size() < PHOTOS; f++) {
                time = time.plusNanos(f == 0 ? (1 + random.nextInt(300)) * 1_000_000_000L : 500_000_000L);
                shots.add(new Shot(UUID.randomUUID(), time, true, "Canon\u0000EOS R6", f == 0 ? hash : flip(hash, random.nextInt(6), random), true));
            }
        }
        return shots;
    }

    private static long flip(long hash, int bits, Random random) {
        long result = hash;
        for (int i = 0; i < bits; i++) result ^= 1L << random.nextInt(64);
        return result;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

package dev.lightbox.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestJobHandlers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/admin/jobs/stats against jobs this test enqueued with known timings, and the numbers taken from their rows. */
class JobStatsTest extends IntegrationTest {

    @Autowired JobService jobs;
    @Autowired JdbcTemplate jdbc;

    @Test
    void statisticsMatchTheCountedJobs() {
        var api = api();
        var user = api.newUser();
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        Instant since = dbNow().minusMillis(1);
        List<UUID> steps = new ArrayList<>();
        for (int i = 1; i <= 6; i++) steps.add(jobs.enqueue(JobRequest.of(TestJobHandlers.STEPS, user.id(), new TestJobHandlers.Steps(2, 20 * i))));
        UUID failsOnce = jobs.enqueue(JobRequest.of(TestJobHandlers.FLAKY, user.id(), new TestJobHandlers.Flaky(1)));
        UUID failsForGood = jobs.enqueue(JobRequest.of(TestJobHandlers.FLAKY, user.id(), new TestJobHandlers.Flaky(9)).withMaxAttempts(2));
        UUID waiting = jobs.enqueue(JobRequest.of(TestJobHandlers.FLAKY, user.id(), new TestJobHandlers.Flaky(0)).delayedBy(Duration.ofHours(1)));
        UUID cancelled = jobs.enqueue(JobRequest.of(TestJobHandlers.FLAKY, user.id(), new TestJobHandlers.Flaky(0)).delayedBy(Duration.ofHours(1)));
        try {
            assertThat(jobs.cancel(user.id(), cancelled)).contains(JobStatus.CANCELLED);
            List<UUID> finishing = new ArrayList<>(steps);
            finishing.addAll(List.of(failsOnce, failsForGood));
            await("the test jobs finish").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> finishing.stream().allMatch(id -> jobs.status(id).orElseThrow().finished()));
            Instant until = dbNow().plusMillis(1);

            JsonNode stats = api.get("/api/v1/admin/jobs/stats?since=" + encode(since) + "&until=" + encode(until), admin).json();
            assertThat(Instant.parse(stats.get("since").asString())).isEqualTo(since);

            JsonNode stepStats = type(stats, TestJobHandlers.STEPS.name());
            assertThat(stepStats.get("title").asString()).isEqualTo("Test steps");
            assertThat(stepStats.get("total").asLong()).isEqualTo(6);
            assertThat(stepStats.get("counts").get("SUCCEEDED").asLong()).isEqualTo(6);
            assertThat(stepStats.get("successRate").asDouble()).isEqualTo(1.0);
            assertPercentiles(stepStats.get("runMs"), runMillis(TestJobHandlers.STEPS.name(), since, until));
            assertPercentiles(stepStats.get("waitMs"), waitMillis(TestJobHandlers.STEPS.name(), since, until));
            // two steps of 20·i ms each, i = 1..6: the median run is at least 2·70 ms, the 95th at least 2·115 ms
            assertThat(stepStats.get("runMs").get("p50").asLong()).isGreaterThanOrEqualTo(140);
            assertThat(stepStats.get("runMs").get("p95").asLong()).isGreaterThanOrEqualTo(230);
            // the engine times each step of an attempt; the averages read as a timeline, in the order the steps ran
            JsonNode stepAverages = stepStats.get("steps");
            assertThat(stepAverages.size()).isEqualTo(3);
            List<String> order = new ArrayList<>();
            stepAverages.forEach(step -> order.add(step.get("step").asString()));
            assertThat(order).containsExactly("step 1", "step 2", "done");
            for (JsonNode step : stepAverages) {
                String name = step.get("step").asString();
                List<Long> ms = jdbc.queryForList("select ms from job_step_times where job_id = any(?) and step = ?", Long.class,
                        steps.toArray(UUID[]::new), name);
                assertThat(step.get("count").asLong()).as(name).isEqualTo(6).isEqualTo(ms.size());
                assertThat(step.get("avgMs").asLong()).as(name).isEqualTo(Math.round(ms.stream().mapToLong(Long::longValue).average().orElseThrow()));
            }
            // each of the two timed steps sleeps 20·i ms, i = 1..6: on average at least 70 ms
            assertThat(stepAverages.get(0).get("avgMs").asLong()).isGreaterThanOrEqualTo(70);
            assertThat(stepAverages.get(1).get("avgMs").asLong()).isGreaterThanOrEqualTo(70);

            JsonNode flaky = type(stats, TestJobHandlers.FLAKY.name());
            assertThat(flaky.get("total").asLong()).isEqualTo(4);
            assertThat(flaky.get("counts").get("SUCCEEDED").asLong()).isEqualTo(1);
            assertThat(flaky.get("counts").get("FAILED").asLong()).isEqualTo(1);
            assertThat(flaky.get("counts").get("CANCELLED").asLong()).isEqualTo(1);
            assertThat(flaky.get("counts").get("QUEUED").asLong()).isEqualTo(1);
            assertThat(flaky.get("counts").get("RUNNING").asLong()).isZero();
            assertThat(flaky.get("successRate").asDouble()).isCloseTo(1.0 / 3, within(1e-9));
            // only the successful attempt (the second of failsOnce) counts as run time
            List<Double> flakyRuns = runMillis(TestJobHandlers.FLAKY.name(), since, until);
            assertThat(flakyRuns).hasSize(1);
            assertPercentiles(flaky.get("runMs"), flakyRuns);
            assertThat(flaky.get("steps").isEmpty()).isTrue();

            // a window that holds none of them leaves the types out
            JsonNode before = api.get("/api/v1/admin/jobs/stats?since=" + encode(since.minusSeconds(60)) + "&until=" + encode(since), admin).json();
            before.get("types").forEach(t -> assertThat(t.get("total").asLong()).isPositive());
        } finally {
            jobs.cancel(user.id(), waiting);
        }
    }

    @Test
    void aBadWindowIsABadRequestAndUsersMayNotLook() {
        var api = api();
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        var bad = api.get("/api/v1/admin/jobs/stats?since=yesterday", admin);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).contains("application/problem+json");
        assertThat(bad.detail()).startsWith("since:");
        var backwards = api.get("/api/v1/admin/jobs/stats?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z", admin);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.detail()).startsWith("since:");
        var tooLong = api.get("/api/v1/admin/jobs/stats?since=2026-01-01T00:00:00Z&until=2026-04-01T00:00:01Z", admin);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.contentType()).contains("application/problem+json");
        assertThat(tooLong.detail()).startsWith("since:").contains("90 days");
        assertThat(api.get("/api/v1/admin/jobs/stats?since=2026-01-01T00:00:00Z&until=2026-04-01T00:00:00Z", admin).status()).isEqualTo(200);
        JsonNode lastDay = api.get("/api/v1/admin/jobs/stats", admin).json();
        assertThat(Duration.between(Instant.parse(lastDay.get("since").asString()), Instant.parse(lastDay.get("until").asString())))
                .isEqualTo(Duration.ofHours(24));
        assertThat(api.get("/api/v1/admin/jobs/stats", api.newUser().token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/jobs/stats", null).status()).isEqualTo(401);
    }

    private static JsonNode type(JsonNode stats, String type) {
        for (JsonNode entry : stats.get("types")) if (entry.get("type").asString().equals(type)) return entry;
        throw new AssertionError("no statistics of " + type + " in " + stats);
    }

    /** p50 and p95 as PostgreSQL's percentile_cont computes them (linear between neighbours), to the millisecond. */
    private static void assertPercentiles(JsonNode percentiles, List<Double> values) {
        assertThat(percentiles.get("p50").asDouble()).isCloseTo(percentile(values, 0.5), within(1.0));
        assertThat(percentiles.get("p95").asDouble()).isCloseTo(percentile(values, 0.95), within(1.0));
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        double position = p * (sorted.size() - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, sorted.size() - 1);
        return sorted.get(lower) + (position - lower) * (sorted.get(upper) - sorted.get(lower));
    }

    private List<Double> runMillis(String type, Instant since, Instant until) {
        return jdbc.query("""
                        select r.started_at, r.finished_at from jobs j join job_runs r on r.job_id = j.id
                        where j.type = ? and j.created_at >= ? and j.created_at < ? and r.outcome = 'SUCCEEDED'""",
                (rs, n) -> millisBetween(rs.getTimestamp(1), rs.getTimestamp(2)), type, Timestamp.from(since), Timestamp.from(until));
    }

    private List<Double> waitMillis(String type, Instant since, Instant until) {
        return jdbc.query("select created_at, started_at from jobs where type = ? and created_at >= ? and created_at < ? and started_at is not null",
                (rs, n) -> millisBetween(rs.getTimestamp(1), rs.getTimestamp(2)), type, Timestamp.from(since), Timestamp.from(until));
    }

    private static double millisBetween(Timestamp from, Timestamp to) {
        return Duration.between(from.toInstant(), to.toInstant()).toNanos() / 1e6;
    }

    private Instant dbNow() {
        return jdbc.queryForObject("select now()", Timestamp.class).toInstant();
    }

    private static String encode(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }
}

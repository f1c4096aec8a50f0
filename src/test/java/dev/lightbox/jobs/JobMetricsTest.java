package dev.lightbox.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestJobHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The job series on /actuator/prometheus, with their labels, against jobs this test enqueued and the rows they left. */
class JobMetricsTest extends IntegrationTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(?:\\{(.*)})? (\\S+)$");

    @Autowired JobService jobs;
    @Autowired JobMetrics metrics;
    @Autowired JdbcTemplate jdbc;

    @Test
    void queueDepthWaitOutcomesAndDurationsPerType() {
        var api = api();
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        var user = api.newUser();
        // every job that finished before now (earlier tests' too) is counted before the baseline is taken
        Instant start = jdbc.queryForObject("select now()", java.sql.Timestamp.class).toInstant();
        await("earlier finishes are counted").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> {
            metrics.refresh();
            Instant counted = metrics.countedUntil();
            return counted != null && !counted.isBefore(start);
        });
        Scrape first = scrape(api, admin);
        String before = first.body();
        Instant countedBefore = first.countedUntil();
        double succeededBefore = value(before, "lightbox_jobs_finished_total", "type", "test.steps", "outcome", "succeeded");
        double failedBefore = value(before, "lightbox_jobs_finished_total", "type", "test.flaky", "outcome", "failed");
        double timedBefore = value(before, "lightbox_job_duration_seconds_count", "type", "test.steps");
        double secondsBefore = value(before, "lightbox_job_duration_seconds_sum", "type", "test.steps");

        UUID waiting = jobs.enqueue(JobRequest.of(TestJobHandlers.STEPS, user.id(), new TestJobHandlers.Steps(1, 0)).delayedBy(Duration.ofHours(1)));
        List<UUID> finishing = List.of(
                jobs.enqueue(JobRequest.of(TestJobHandlers.STEPS, user.id(), new TestJobHandlers.Steps(2, 100))),
                jobs.enqueue(JobRequest.of(TestJobHandlers.STEPS, user.id(), new TestJobHandlers.Steps(2, 100))),
                jobs.enqueue(JobRequest.of(TestJobHandlers.FLAKY, user.id(), new TestJobHandlers.Flaky(9)).withMaxAttempts(1)));
        try {
            await("the test jobs finish").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> finishing.stream().allMatch(id -> jobs.status(id).orElseThrow().finished()));
            // finishes are counted once their commits are surely visible (a couple of seconds behind)
            String after = await("the finished jobs are counted").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> {
                metrics.refresh();
                return api.get("/actuator/prometheus", admin).body();
            }, body -> value(body, "lightbox_jobs_finished_total", "type", "test.steps", "outcome", "succeeded") >= succeededBefore + 2
                    && value(body, "lightbox_jobs_finished_total", "type", "test.flaky", "outcome", "failed") >= failedBefore + 1);

            // other tests' leftover jobs of these shared types may finish meanwhile: the counters rise by exactly the rows
            // that finished between the two reads, this test's among them
            Scrape last = scrape(api, admin);
            after = last.body();
            Instant countedAfter = last.countedUntil();
            long succeeded = finishedBetween("test.steps", "SUCCEEDED", countedBefore, countedAfter);
            long failed = finishedBetween("test.flaky", "FAILED", countedBefore, countedAfter);
            assertThat(succeeded).isGreaterThanOrEqualTo(2);
            assertThat(failed).isGreaterThanOrEqualTo(1);
            assertThat(value(after, "lightbox_jobs_finished_total", "type", "test.steps", "outcome", "succeeded")).isEqualTo(succeededBefore + succeeded);
            assertThat(value(after, "lightbox_jobs_finished_total", "type", "test.flaky", "outcome", "failed")).isEqualTo(failedBefore + failed);
            assertThat(value(after, "lightbox_job_duration_seconds_count", "type", "test.steps")).isEqualTo(timedBefore + succeeded);
            // two steps of 100 ms each, twice
            assertThat(value(after, "lightbox_job_duration_seconds_sum", "type", "test.steps") - secondsBefore).isBetween(0.4, 10.0);

            // the job delayed by an hour is queued but not due: a worker could not take it, so the autoscaler's depth leaves it out
            assertThat(jobs.status(waiting).orElseThrow()).isEqualTo(JobStatus.QUEUED);
            assertThat(value(after, "lightbox_queue_depth", "queue", "cpu", "type", "test.steps")).isEqualTo(DUE_STEPS.apply(jdbc));
            double oldest = jdbc.queryForObject("""
                    select coalesce(extract(epoch from now() - min(run_after)), 0) from jobs
                    where type = 'test.steps' and queue = 'cpu' and status = 'QUEUED' and run_after <= now()""", Double.class);
            assertThat(value(after, "lightbox_queue_oldest_wait_seconds", "queue", "cpu", "type", "test.steps")).isBetween(0.0, oldest);
            // every declared type has its series, zero when nothing waits: an autoscaler sees 0, not a missing series
            assertThat(value(after, "lightbox_queue_depth", "queue", "gpu", "type", "test.gpu-steps")).isZero();
            assertThat(value(after, "lightbox_queue_oldest_wait_seconds", "queue", "gpu", "type", "test.gpu-steps")).isZero();
            long online = jdbc.queryForObject("select count(*) from workers where stopped_at is null and last_seen_at > now() - interval '6 seconds'", Long.class);
            assertThat(value(after, "lightbox_workers_online")).isEqualTo(online);
        } finally {
            jobs.cancel(user.id(), waiting);
        }
        metrics.refresh();
        assertThat(value(api.get("/actuator/prometheus", admin).body(), "lightbox_queue_depth", "queue", "cpu", "type", "test.steps"))
                .isEqualTo(DUE_STEPS.apply(jdbc));
    }

    private static final java.util.function.Function<JdbcTemplate, Double> DUE_STEPS = jdbc -> jdbc.queryForObject(
            "select count(*) from jobs where type = 'test.steps' and queue = 'cpu' and status = 'QUEUED' and run_after <= now()", Long.class).doubleValue();

    @Test
    void aPausedTypeIsNotDepthAndARetriedJobWaitsSinceItsRetry() {
        var api = api();
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        var user = api.newUser();
        String type = "/api/v1/admin/queues/gpu/types/test.gpu-steps";
        assertThat(api.put(type, Map.of("paused", true), admin).status()).isEqualTo(200);
        UUID held = jobs.enqueue(JobRequest.of(TestJobHandlers.GPU_STEPS, user.id(), new TestJobHandlers.Steps(1, 0)));
        try {
            // created three days ago, due again since a retry a moment ago: it has waited since the retry, not for days
            jdbc.update("update jobs set created_at = now() - interval '3 days', run_after = now() - interval '1 second' where id = ?", held);
            metrics.refresh();
            String body = api.get("/actuator/prometheus", admin).body();
            assertThat(value(body, "lightbox_queue_oldest_wait_seconds", "queue", "gpu", "type", "test.gpu-steps")).isBetween(0.5, 600.0);

            JsonNode gpu = queue(api.get("/api/v1/admin/queues", admin).json(), "gpu");
            assertThat(gpu.get("oldestWaitSeconds").asLong()).isBetween(0L, 600L);
            JsonNode gpuSteps = null;
            for (JsonNode t : gpu.get("types")) if (t.get("type").asString().equals("test.gpu-steps")) gpuSteps = t;
            assertThat(gpuSteps).isNotNull();
            assertThat(gpuSteps.get("queued").asLong()).isEqualTo(1);
            assertThat(gpuSteps.get("oldestWaitSeconds").asLong()).isBetween(0L, 600L);
            assertThat(queue(api.get("/api/v1/admin/overview", admin).json(), "gpu").get("oldestWaitSeconds").asLong()).isBetween(0L, 600L);
            assertThat(value(body, "lightbox_queue_depth", "queue", "gpu", "type", "test.gpu-steps")).as("held by the pause").isZero();
            assertThat(value(body, "lightbox_queue_paused", "queue", "gpu", "type", "test.gpu-steps")).isEqualTo(1);
            assertThat(value(body, "lightbox_queue_paused", "queue", "cpu", "type", "test.steps")).isZero();
        } finally {
            jobs.cancel(user.id(), held);
            assertThat(api.put(type, Map.of("paused", false), admin).status()).isEqualTo(200);
        }
        metrics.refresh();
        assertThat(value(api.get("/actuator/prometheus", admin).body(), "lightbox_queue_paused", "queue", "gpu", "type", "test.gpu-steps")).isZero();
    }

    private static JsonNode queue(JsonNode root, String name) {
        JsonNode list = root.isArray() ? root : root.has("queues") ? root.get("queues") : root;
        for (JsonNode q : list) if (q.get("queue").asString().equals(name)) return q;
        throw new AssertionError("no queue " + name + " in " + root);
    }

    /** The sample of {@code name} with exactly these labels; 0 when the series is not there yet (a counter before its first job). */
    static double value(String exposition, String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) wanted.put(labels[i], labels[i + 1]);
        for (String line : exposition.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches() || !m.group(1).equals(name)) continue;
            Map<String, String> found = new TreeMap<>();
            if (m.group(2) != null && !m.group(2).isEmpty()) {
                Arrays.stream(m.group(2).split(",")).map(pair -> pair.split("=", 2))
                        .forEach(pair -> found.put(pair[0], pair[1].replaceAll("^\"|\"$", "")));
            }
            if (found.equals(wanted)) return Double.parseDouble(m.group(3));
        }
        if (name.equals("lightbox_jobs_finished_total") || name.startsWith("lightbox_job_duration_seconds")) return 0;
        throw new AssertionError("no sample " + name + wanted + " in the exposition");
    }

    private long finishedBetween(String type, String status, Instant after, Instant until) {
        return jdbc.queryForObject("select count(*) from jobs where type = ? and status = ? and finished_at > ? and finished_at <= ?", Long.class,
                type, status, java.sql.Timestamp.from(after), java.sql.Timestamp.from(until));
    }

    private record Scrape(String body, Instant countedUntil) {
    }

    /** A scrape and the instant its finish counters reach, read with no refresh in between (the timer refreshes every 10 s). */
    private Scrape scrape(dev.lightbox.support.ApiClient api, String admin) {
        return await("a scrape between two refreshes").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Instant until = metrics.countedUntil();
            String body = api.get("/actuator/prometheus", admin).body();
            return until != null && until.equals(metrics.countedUntil()) ? new Scrape(body, until) : null;
        }, java.util.Objects::nonNull);
    }
}

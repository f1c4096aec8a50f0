package dev.lightbox.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightbox.jobs.domain.JobRepository;
import dev.lightbox.jobs.engine.JobWorkers;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.ApiClient.User;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import dev.lightbox.support.TestJobHandlers;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The admin's queue console on the shared context: every test resumes and resets what it changed. */
class QueueAdminTest extends IntegrationTest {

    private static final String QUEUES = "/api/v1/admin/queues";

    @Autowired JobService jobs;
    @Autowired JobWorkers workers;
    @Autowired JdbcTemplate jdbc;
    @Autowired javax.sql.DataSource dataSource;
    @Autowired java.time.Clock clock;
    @Autowired JobRepository jobRepository;
    @Autowired PlatformTransactionManager transactions;

    private ApiClient api;
    private String admin;

    private String admin() {
        api = api();
        admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        return admin;
    }

    /** Never leave a queue paused, a type paused or a thread count set: later tests need them. */
    @AfterEach
    void resumeEverything() {
        jdbc.update("delete from queue_settings");
        jdbc.update("delete from job_type_settings");
        jdbc.execute("select pg_notify('lightbox_queue_settings', 'cpu'), pg_notify('lightbox_jobs', 'cpu'), pg_notify('lightbox_jobs', 'gpu')");
    }

    private static Map<String, Object> body(Object... pairs) {
        var map = new HashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) map.put((String) pairs[i], pairs[i + 1]);
        return map;
    }

    private JsonNode queue(String name) {
        return api.get(QUEUES, admin).json().values().stream().filter(q -> q.get("queue").asString().equals(name)).findFirst().orElseThrow();
    }

    private String status(User user, UUID id) {
        return jobs.find(user.id(), id).orElseThrow().status().name();
    }

    @Test
    void aPausedCpuQueueKeepsAnUploadsRenditionsJobQueuedUntilResumed() {
        admin();
        User user = api.newUser();
        var paused = api.put(QUEUES + "/cpu", body("paused", true), admin);
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().get("paused").asBoolean()).isTrue();

        var upload = api.upload("paused.jpg", TestImages.jpeg(96, 64, 1701), user.token());
        assertThat(upload.status()).isEqualTo(201);
        String photo = upload.json().get("id").asString();
        UUID renditions = UUID.fromString(api.get("/api/v1/photos/" + photo, user.token()).json().get("jobs").values().stream()
                .filter(j -> j.get("type").asString().equals("library.renditions")).findFirst().orElseThrow().get("id").asString());
        assertThat(status(user, renditions)).isEqualTo("QUEUED");
        assertThat(claimableNow()).as("a claim skips the paused queue").doesNotContain(renditions);
        JsonNode cpu = queue("cpu");
        assertThat(cpu.get("paused").asBoolean()).isTrue();
        assertThat(cpu.get("queued").asLong()).isPositive();
        assertThat(cpu.get("oldestWaitSeconds").isNull()).isFalse();
        assertThat(cpu.get("types").values()).filteredOn(t -> t.get("type").asString().equals("library.renditions"))
                .singleElement().satisfies(t -> assertThat(t.get("queued").asLong()).isPositive());

        var resumed = api.put(QUEUES + "/cpu", body("paused", false), admin);
        assertThat(resumed.json().get("paused").asBoolean()).isFalse();
        api.awaitJobSucceeded(renditions.toString(), user.token(), Duration.ofSeconds(30));
    }

    @Test
    void aPausedTypeStaysQueuedWhileItsQueueRunsOtherTypes() {
        admin();
        User user = api.newUser();
        var paused = api.put(QUEUES + "/cpu/types/test.echo", body("paused", true), admin);
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().get("paused").asBoolean()).isTrue();
        assertThat(paused.json().get("title").asString()).isEqualTo("Test echo");
        assertThat(queue("cpu").get("paused").asBoolean()).as("only the type").isFalse();

        UUID echo = jobs.enqueue(TestJobHandlers.ECHO, user.id(), new TestJobHandlers.Echo("held", null));
        UUID steps = jobs.enqueue(TestJobHandlers.STEPS, user.id(), new TestJobHandlers.Steps(1, 0));
        api.awaitJobSucceeded(steps.toString(), user.token(), Duration.ofSeconds(30));
        assertThat(status(user, echo)).isEqualTo("QUEUED");
        assertThat(claimableNow()).as("a claim skips the paused type").doesNotContain(echo);

        assertThat(api.put(QUEUES + "/cpu/types/test.echo", body("paused", false), admin).json().get("paused").asBoolean()).isFalse();
        api.awaitJobSucceeded(echo.toString(), user.token(), Duration.ofSeconds(30));
    }

    @Test
    void retriesAndClearsTheFailedJobsOfAType() {
        admin();
        User user = api.newUser();
        List<UUID> failing = List.of(
                jobs.enqueue(JobRequest.of(TestJobHandlers.FLAKY_TO_CLEAR, user.id(), new TestJobHandlers.Flaky(9)).withMaxAttempts(1)),
                jobs.enqueue(JobRequest.of(TestJobHandlers.FLAKY_TO_CLEAR, user.id(), new TestJobHandlers.Flaky(9)).withMaxAttempts(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> failing.stream().allMatch(id -> status(user, id).equals("FAILED")));
        Integer failedBefore = jdbc.queryForObject("select count(*) from jobs where type = 'test.flaky-to-clear' and queue = 'cpu' and status = 'FAILED'", Integer.class);

        var retried = api.post(QUEUES + "/cpu/types/test.flaky-to-clear/retry-failed", "", admin);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("retried").asInt()).isEqualTo(failedBefore);
        await().atMost(Duration.ofSeconds(30)).until(() -> failing.stream()
                .allMatch(id -> status(user, id).equals("FAILED") && jobs.find(user.id(), id).orElseThrow().attempts() == 1
                        && jdbc.queryForObject("select count(*) from job_runs where job_id = ?", Integer.class, id) == 2));

        var cleared = api.delete(QUEUES + "/cpu/types/test.flaky-to-clear/failed", admin);
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().get("deleted").asInt()).isEqualTo(failedBefore);
        assertThat(failing).allSatisfy(id -> assertThat(jobs.find(user.id(), id)).isEmpty());
        assertThat(api.post(QUEUES + "/cpu/types/test.flaky-to-clear/retry-failed", "", admin).json().get("retried").asInt()).isZero();
    }

    @Test
    void refusesBadChangesUnknownQueuesAndTypesAndNonAdmins() {
        admin();
        for (Object threads : List.of(0, 999, "four", 2.5)) {
            var response = api.put(QUEUES + "/cpu", body("threads", threads), admin);
            assertThat(response.status()).as("threads " + threads).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.detail()).startsWith("threads:");
        }
        assertThat(api.put(QUEUES + "/cpu", body("paused", "yes"), admin).detail()).startsWith("paused:");
        assertThat(api.put(QUEUES + "/cpu", "[1]", admin).status()).isEqualTo(400);
        assertThat(api.put(QUEUES + "/tpu", body("paused", true), admin).status()).isEqualTo(404);
        assertThat(api.put(QUEUES + "/cpu/types/no.such-type", body("paused", true), admin).status()).isEqualTo(404);
        assertThat(api.put(QUEUES + "/gpu/types/test.echo", body("paused", true), admin).status()).as("a cpu type").isEqualTo(404);
        assertThat(api.post(QUEUES + "/gpu/types/no.such-type/retry-failed", "", admin).status()).isEqualTo(404);
        assertThat(api.delete(QUEUES + "/gpu/types/no.such-type/failed", admin).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from queue_settings", Integer.class)).as("nothing refused was stored").isZero();
        assertThat(jdbc.queryForObject("select count(*) from job_type_settings", Integer.class)).isZero();

        String user = api.newUser().token();
        assertThat(api.get(QUEUES, user).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/workers", user).status()).isEqualTo(403);
        assertThat(api.put(QUEUES + "/cpu", body("paused", true), user).status()).isEqualTo(403);
        assertThat(api.put(QUEUES + "/cpu/types/test.echo", body("paused", true), user).status()).isEqualTo(403);
        assertThat(api.post(QUEUES + "/cpu/types/test.flaky/retry-failed", "", user).status()).isEqualTo(403);
        assertThat(api.delete(QUEUES + "/cpu/types/test.flaky/failed", user).status()).isEqualTo(403);
        assertThat(api.get(QUEUES, null).status()).isEqualTo(401);
        assertThat(queue("cpu").get("paused").asBoolean()).isFalse();
    }

    @Test
    void threadsChangeLiveAndResetToTheNodesOwnCappedByThePool() throws Exception {
        admin();
        int own = workers.threads(JobQueue.CPU);
        int target = own + 1;
        var changed = api.put(QUEUES + "/cpu", body("threads", target), admin);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("threads").asInt()).isEqualTo(target);
        assertThat(changed.json().get("paused").asBoolean()).as("omitted: unchanged").isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> workers.threads(JobQueue.CPU) == target);
        await("the registry reports it").atMost(Duration.ofSeconds(5)).until(() -> thisNode().get("cpuThreads").asInt() == target);
        await().atMost(Duration.ofSeconds(5)).until(() -> queue("cpu").get("threadsOnline").asInt() >= target);

        assertThat(api.put(QUEUES + "/cpu", body("paused", false), admin).json().get("threads").asInt()).as("omitted: unchanged").isEqualTo(target);
        var huge = api.put(QUEUES + "/cpu", body("threads", 256), admin);
        assertThat(huge.json().get("threads").asInt()).isEqualTo(256);
        int pool = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getMaximumPoolSize();
        int left = pool - workers.threads(JobQueue.GPU) - 1 - 1 - 3; // progress writer, LISTEN, web headroom
        await("capped at what the pool leaves").atMost(Duration.ofSeconds(5)).until(() -> workers.threads(JobQueue.CPU) == left);
        assertThat(left).isLessThan(256);

        var reset = api.put(QUEUES + "/cpu", "{\"threads\": null}", admin);
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().get("threads").isNull()).as(reset.body()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> workers.threads(JobQueue.CPU) == own);
    }

    @Test
    void listsThisNodeAsAnOnlineWorker() {
        admin();
        JsonNode node = thisNode();
        assertThat(node.get("status").asString()).isEqualTo("ONLINE");
        assertThat(node.get("role").asString()).isEqualTo("ALL");
        assertThat(node.get("cpuThreads").asInt()).isEqualTo(workers.threads(JobQueue.CPU));
        assertThat(node.get("gpuThreads").asInt()).isEqualTo(1);
        assertThat(node.get("version").asString()).isNotBlank();
        assertThat(node.get("host").asString()).isNotBlank();
        for (String field : List.of("nodeId", "gpuName", "gpuMemoryBytes", "startedAt", "lastSeenAt")) assertThat(node.has(field)).as(field).isTrue();
    }

    @Test
    void recordsHowLongEachStepOfAnAttemptTook() {
        User user = api().newUser();
        UUID id = jobs.enqueue(TestJobHandlers.STEPS, user.id(), new TestJobHandlers.Steps(2, 120));
        api().awaitJobSucceeded(id.toString(), user.token(), Duration.ofSeconds(30));
        List<Map<String, Object>> rows = jdbc.queryForList("select attempt, step, ms from job_step_times where job_id = ? order by step", id);
        assertThat(rows).extracting(r -> r.get("step")).containsExactly("done", "step 1", "step 2");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("attempt")).isEqualTo(1));
        assertThat(rows).filteredOn(r -> r.get("step").toString().startsWith("step"))
                .allSatisfy(r -> assertThat((Long) r.get("ms")).isBetween(110L, 5_000L));
    }

    @Test
    void everyQueueActionIsInTheAuditLog() {
        admin();
        java.time.Instant before = clock.instant().minusSeconds(1);
        assertThat(api.put(QUEUES + "/gpu", body("paused", true), admin).status()).isEqualTo(200);
        assertThat(api.put(QUEUES + "/gpu", body("paused", true), admin).status()).as("no change: no entry").isEqualTo(200);
        assertThat(api.put(QUEUES + "/gpu", body("paused", false, "threads", 2), admin).status()).isEqualTo(200);
        assertThat(api.put(QUEUES + "/gpu", "{\"threads\": null}", admin).status()).isEqualTo(200);
        assertThat(api.put(QUEUES + "/gpu/types/test.gpu-steps", body("paused", true), admin).status()).isEqualTo(200);
        assertThat(api.put(QUEUES + "/gpu/types/test.gpu-steps", body("paused", false), admin).status()).isEqualTo(200);
        assertThat(api.post(QUEUES + "/gpu/types/test.gpu-steps/retry-failed", "", admin).status()).isEqualTo(200);
        assertThat(api.delete(QUEUES + "/gpu/types/test.gpu-steps/failed", admin).status()).isEqualTo(200);
        assertThat(api.put(QUEUES + "/gpu", body("threads", 0), admin).status()).as("refused: no entry").isEqualTo(400);

        String since = "&since=" + before;
        List<JsonNode> queue = api.get("/api/v1/admin/audit?target=gpu" + since, admin).json().get("items").values().stream()
                .filter(e -> e.get("targetType").asString().equals("queue") && !e.get("action").asString().startsWith("jobs.diagnostics")).toList();
        assertThat(queue).extracting(e -> e.get("action").asString())
                .containsExactly("queue.threads", "queue.threads", "queue.resume", "queue.pause");
        assertThat(queue.getFirst().get("detail").asString()).isEqualTo("gpu threads back to each node's own setting (were 2)");
        assertThat(queue).allSatisfy(e -> assertThat(e.get("actorEmail").asString()).isEqualTo(ADMIN_EMAIL));
        List<JsonNode> type = api.get("/api/v1/admin/audit?target=test.gpu-steps" + since, admin).json().get("items").values().stream().toList();
        assertThat(type).extracting(e -> e.get("action").asString())
                .containsExactly("jobs.clear-failed", "jobs.retry-failed", "job-type.resume", "job-type.pause");
        assertThat(type.getFirst().get("detail").asString()).isEqualTo("deleted 0 failed job(s) on the gpu queue");
    }

    /**
     * The cpu jobs a worker could claim now: a real claim, rolled back (no job is taken from the engine). Direct proof
     * that a paused queue or type holds its jobs, where waiting a while would pass even if pausing did nothing.
     */
    private List<UUID> claimableNow() {
        return new TransactionTemplate(transactions).execute(tx -> {
            tx.setRollbackOnly();
            return jobRepository.claim(JobQueue.CPU, "test-probe", 50, Duration.ofSeconds(2)).stream().map(JobRepository.Claimed::id).toList();
        });
    }

    private JsonNode thisNode() {
        return api.get("/api/v1/admin/workers", admin).json().values().stream()
                .filter(w -> w.get("id").asString().equals(workers.workerId())).findFirst().orElseThrow();
    }
}

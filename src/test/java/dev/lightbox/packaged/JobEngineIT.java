package dev.lightbox.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.JarProcess;
import java.io.Reader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The job engine as operators run it: processes that crash, and several workers on one database. */
class JobEngineIT {

    private static final String ADMIN = "admin@lightbox.test";
    private static final String PASSWORD = "amber-Walrus-tuning-27";
    private static final int PAUSED_JOBS = 20;

    private static Map<String, String> env(String... pairs) {
        var env = new HashMap<String, String>(Map.of("LIGHTBOX_ADMIN_EMAIL", ADMIN, "LIGHTBOX_ADMIN_PASSWORD", PASSWORD,
                "LIGHTBOX_JOBS_LEASE", "3s"));
        for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
        return env;
    }

    private static JsonNode report(ApiClient api, String token) {
        return api.get("/api/v1/admin/jobs/diagnostics", token).json();
    }

    private static long succeeded(JsonNode report) {
        return report.path("jobs").path("SUCCEEDED").asLong(0);
    }

    /** Polls the diagnostics report until {@code count} diagnostic jobs succeeded (two minutes at most). */
    private static JsonNode awaitSucceeded(ApiClient api, String token, long count) throws InterruptedException {
        return ApiClient.await(count + " jobs succeed", Duration.ofSeconds(120), () -> report(api, token), report -> succeeded(report) >= count);
    }

    @Test
    void killedMidRunNoJobIsLostAndNoResultIsWrittenTwice() throws Exception {
        Path dataDir = IntegrationTest.newDataDir("crash");
        String token;
        try (var app = JarProcess.start(dataDir, env())) {
            app.awaitLoginPage(Duration.ofSeconds(120));
            var api = app.api();
            token = api.login(ADMIN, PASSWORD);
            var enqueued = api.post("/api/v1/admin/jobs/diagnostics", Map.of("count", 500, "sleepMs", 20), token);
            assertThat(enqueued.status()).as(enqueued.body()).isEqualTo(202);
            String admin = token;
            // a paused queue is in the database: it stays paused, and its jobs queued, across the crash and the restart
            assertThat(api.put("/api/v1/admin/queues/gpu", Map.of("paused", true), token).status()).isEqualTo(200);
            assertThat(api.post("/api/v1/admin/jobs/diagnostics", Map.of("count", PAUSED_JOBS, "sleepMs", 0, "queue", "gpu"), token).status()).isEqualTo(202);
            ApiClient.await("100 jobs succeed", Duration.ofSeconds(60), () -> report(api, admin), report -> succeeded(report) >= 100);
            app.kill(); // SIGKILL mid-run: running jobs keep their leases, nothing is put back
        }
        try (var app = JarProcess.start(dataDir, env())) {
            app.awaitLoginPage(Duration.ofSeconds(120));
            var api = app.api();
            token = api.login(ADMIN, PASSWORD);
            JsonNode report = awaitSucceeded(api, token, 500);
            assertThat(report.path("jobs").path("QUEUED").asLong()).as("the paused gpu queue's jobs wait: " + report).isEqualTo(PAUSED_JOBS);
            JsonNode gpu = api.get("/api/v1/admin/queues", token).json().values().stream()
                    .filter(queue -> queue.get("queue").asString().equals("gpu")).findFirst().orElseThrow();
            assertThat(gpu.get("paused").asBoolean()).as("still paused after the restart").isTrue();
            assertThat(api.put("/api/v1/admin/queues/gpu", Map.of("paused", false), token).status()).isEqualTo(200);
            report = awaitSucceeded(api, token, 500 + PAUSED_JOBS);
            System.out.println("crash test: " + report);
            assertThat(report.path("jobs").size()).as("only SUCCEEDED, nothing failed or stuck: " + report).isEqualTo(1);
            assertThat(report.get("results").asLong()).as("one result per job").isEqualTo(500 + PAUSED_JOBS);
            assertThat(report.get("succeededWithoutResult").asLong()).isZero();
            assertThat(report.get("executions").asLong()).isGreaterThanOrEqualTo(500 + PAUSED_JOBS);
        }
    }

    @Test
    void twoWorkerProcessesOnOneDatabaseRunEachJobExactlyOnce() throws Exception {
        Path dataDir = IntegrationTest.newDataDir("two-workers");
        int dbPort = freePort();
        int s3Port = freePort();
        try (var web = JarProcess.start(dataDir, env("LIGHTBOX_DB_EMBEDDED_PORT", "" + dbPort, "LIGHTBOX_S3_EMBEDDED_PORT", "" + s3Port))) {
            web.awaitLoginPage(Duration.ofSeconds(120));
            var credentials = new Properties();
            try (Reader reader = Files.newBufferedReader(dataDir.resolve("s3-credentials.properties"))) {
                credentials.load(reader);
            }
            var database = new Properties(); // the embedded PostgreSQL's generated password, as an operator reads it
            try (Reader reader = Files.newBufferedReader(dataDir.resolve("postgres-credentials.properties"))) {
                database.load(reader);
            }
            try (var worker = JarProcess.start(IntegrationTest.newDataDir("second-worker"), env(
                    "LIGHTBOX_ROLE", "worker",
                    "LIGHTBOX_DB_URL", "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres", "LIGHTBOX_DB_USER", "postgres",
                    "LIGHTBOX_DB_PASSWORD", database.getProperty("password"),
                    "LIGHTBOX_S3_ENDPOINT", "http://127.0.0.1:" + s3Port,
                    "LIGHTBOX_S3_ACCESS_KEY", credentials.getProperty("accessKey"),
                    "LIGHTBOX_S3_SECRET_KEY", credentials.getProperty("secretKey")))) {
                worker.awaitHealth(Duration.ofSeconds(120));
                assertThat(worker.api().getBytes("/login", null).status()).as("a worker serves no UI").isEqualTo(404);

                var api = web.api();
                String token = api.login(ADMIN, PASSWORD);
                assertThat(api.post("/api/v1/admin/jobs/diagnostics", Map.of("count", 2000, "sleepMs", 0), token).status()).isEqualTo(202);
                JsonNode report = awaitSucceeded(api, token, 2000);
                System.out.println("two workers: " + report);
                assertThat(report.get("executions").asLong()).as("each job ran exactly once").isEqualTo(2000);
                assertThat(report.get("jobsExecutedMoreThanOnce").asLong()).isZero();
                assertThat(report.get("results").asLong()).isEqualTo(2000);
                assertThat(report.get("succeededByWorker").size()).as("both processes worked: " + report).isEqualTo(2);
                report.get("succeededByWorker").values().forEach(count -> assertThat(count.asLong()).isPositive());

                // threads changed live on the web node: the worker process follows without a restart
                JsonNode registered = workerRow(api, token);
                assertThat(registered.get("status").asString()).isEqualTo("ONLINE");
                int threads = registered.get("cpuThreads").asInt() + 1;
                assertThat(api.put("/api/v1/admin/queues/cpu", Map.of("threads", threads), token).status()).isEqualTo(200);
                ApiClient.await("the worker runs " + threads + " cpu threads", Duration.ofSeconds(15),
                        () -> workerRow(api, token).get("cpuThreads").asInt(), n -> n == threads);
                assertThat(api.post("/api/v1/admin/jobs/diagnostics", Map.of("count", 4 * threads, "sleepMs", 1500, "record", false), token).status())
                        .isEqualTo(202);
                ApiClient.await("both nodes run " + threads + " jobs at once", Duration.ofSeconds(15),
                        () -> api.get("/api/v1/admin/queues", token).json().get(1), cpu -> cpu.get("queue").asString().equals("cpu")
                                && cpu.get("running").asInt() == 2 * threads);

                // a killed worker stops beating: lost after 3 leases (3 × 3 s)
                worker.kill();
                ApiClient.await("the killed worker shows as lost", Duration.ofSeconds(30),
                        () -> workerRow(api, token).get("status").asString(), "LOST"::equals);
            }
        }
    }

    /** The registry row of the process with role worker. */
    private static JsonNode workerRow(ApiClient api, String token) {
        return api.get("/api/v1/admin/workers", token).json().values().stream()
                .filter(row -> row.get("role").asString().equals("WORKER")).findFirst().orElseThrow();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

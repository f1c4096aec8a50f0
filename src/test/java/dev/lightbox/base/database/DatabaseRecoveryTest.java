package dev.lightbox.base.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.AppRunner;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kill -9} of the embedded PostgreSQL: while it is down every API request answers 503
 * problem+json with Retry-After within 2 s and readiness is DOWN; the watchdog starts it again and the
 * same app serves requests again, without a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseRecoveryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PROMPT = Duration.ofSeconds(2);

    @Test
    void aKilledDatabaseIsReportedAtOnceAndRestartedWithoutRestartingTheApp(CapturedOutput output) throws Exception {
        Path dataDir = IntegrationTest.newDataDir("recovery");
        Path postgresDir = dataDir.resolve("postgres");
        try (var app = AppRunner.start(dataDir)) {
            ApiClient api = AppRunner.api(app);
            api.signUp("owner@lightbox.test", ApiClient.USER_PASSWORD);
            String token = api.login("owner@lightbox.test", ApiClient.USER_PASSWORD);
            byte[] photo = TestImages.jpeg(64, 48, 7);
            assertThat(api.getBytes("/actuator/health/readiness", null).status()).isEqualTo(200);

            // 1. Killed, and kept from starting for a while: a bogus postmaster.pid stands in for whatever
            //    stops a restart from working at once (PostgreSQL refuses to start on it).
            ProcessHandle first = postmaster(postgresDir);
            first.destroyForcibly();
            Files.writeString(postgresDir.resolve("postmaster.pid"), "kept from starting by the test\n");
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(5)).until(() -> !running(first));

            for (String path : new String[] {"/api/v1/auth/me", "/api/v1/photos", "/api/v1/jobs"}) {
                assertUnavailable(() -> api.getBytes(path, token), path);
            }
            long start = System.nanoTime();
            ApiClient.Response upload = api.upload("while-down.jpg", photo, token);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("upload answered within").isLessThan(PROMPT);
            assertThat(upload.status()).as("upload: " + upload.body()).isEqualTo(503);
            assertThat(upload.contentType()).startsWith("application/problem+json");
            var login = api.post("/api/v1/auth/login", Map.of("email", "owner@lightbox.test", "password", ApiClient.USER_PASSWORD));
            assertThat(login.status()).as("login: " + login.body()).isEqualTo(503);
            assertThat(login.contentType()).startsWith("application/problem+json");

            var readiness = api.getBytes("/actuator/health/readiness", null);
            assertThat(readiness.status()).as("readiness while the database is down").isEqualTo(503);
            assertThat(JSON.readTree(readiness.body()).path("status").asString()).isEqualTo("DOWN");
            assertThat(api.getBytes("/actuator/health/liveness", null).status()).as("liveness: the process itself is fine").isEqualTo(200);

            // the watchdog must have met the obstacle before it goes: otherwise its first attempt simply succeeds
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> output.getAll().contains("restart attempt 1 failed"));
            Files.delete(postgresDir.resolve("postmaster.pid"));
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.getBytes("/api/v1/auth/me", token).status() == 200);
            assertThat(api.getBytes("/actuator/health/readiness", null).status()).isEqualTo(200);
            assertThat(output.getAll()).contains("restart attempt 1 failed").contains("restarted it (attempt ");
            assertThat(api.upload("after-recovery.jpg", photo, token).status()).isEqualTo(201);

            // 2. Killed and nothing else in the way: how long until requests succeed again
            ProcessHandle second = postmaster(postgresDir);
            assertThat(second.pid()).isNotEqualTo(first.pid());
            long killedAt = System.nanoTime();
            second.destroyForcibly();
            // (job workers meet the dead database too; their own failures are not this test's subject)
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> api.getBytes("/api/v1/auth/me", token).status() == 200);
            Duration recovery = Duration.ofNanos(System.nanoTime() - killedAt);
            System.out.println("Recovery after kill -9 of the embedded PostgreSQL: " + recovery.toMillis() + " ms to the first 200");
            assertThat(recovery).isLessThan(Duration.ofSeconds(30));
            assertThat(api.get("/api/v1/photos", token).json().get("items").size()).as("the photo stored before the kill").isEqualTo(1);
        }
    }

    @Test
    void anExternalDatabaseIsUsedAgainOnceItIsBack() throws Exception {
        Path serverDir = IntegrationTest.newDataDir("external-db").resolve("pg");
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres external = externalServer(serverDir, port);
        try (var app = AppRunner.start(IntegrationTest.newDataDir("external-app"),
                "lightbox.db.url=jdbc:postgresql://127.0.0.1:" + port + "/postgres", "lightbox.db.user=postgres")) {
            ApiClient api = AppRunner.api(app);
            api.signUp("owner@lightbox.test", ApiClient.USER_PASSWORD);
            String token = api.login("owner@lightbox.test", ApiClient.USER_PASSWORD);

            external.close(); // the database server is stopped; Lightbox does not manage this one
            assertUnavailable(() -> api.getBytes("/api/v1/auth/me", token), "external database stopped");
            assertThat(api.getBytes("/actuator/health/readiness", null).status()).isEqualTo(503);

            external = externalServer(serverDir, port);
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.getBytes("/api/v1/auth/me", token).status() == 200);
            assertThat(api.getBytes("/actuator/health/readiness", null).status()).isEqualTo(200);
        } finally {
            external.close();
        }
    }

    private static EmbeddedPostgres externalServer(Path dir, int port) throws java.io.IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
    }

    private static void assertUnavailable(Supplier<ApiClient.Bytes> request, String what) {
        long start = System.nanoTime();
        ApiClient.Bytes answer = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String body = new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(answer.status()).as(what + ": " + body).isEqualTo(503);
        assertThat(took).as(what + " answered within").isLessThan(PROMPT);
        assertThat(answer.header("Content-Type")).as(what).startsWith("application/problem+json");
        assertThat(answer.header("Retry-After")).as(what).isNotBlank();
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("detail").asString()).contains("database");
    }

    /** A killed process stays a zombie until its parent reaps it; the JDK calls a zombie alive. */
    private static boolean running(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return process.isAlive() && stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    private static ProcessHandle postmaster(Path postgresDir) throws Exception {
        String pid = Files.readAllLines(postgresDir.resolve("postmaster.pid")).getFirst().trim();
        return ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
    }
}

package dev.lightbox.packaged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.JarProcess;
import dev.lightbox.support.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar as an operator runs it, and {@code kill -9} of its embedded PostgreSQL: requests answer
 * 503 problem+json with Retry-After within 2 s, readiness is DOWN, and the same process serves again once
 * its watchdog has restarted the database.
 */
class DatabaseKillIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theSameProcessServesAgainAfterItsDatabaseIsKilled() throws Exception {
        Path dataDir = IntegrationTest.newDataDir("jar-dbkill");
        Path postgresDir = dataDir.resolve("postgres");
        try (var app = JarProcess.start(dataDir, Map.of())) {
            app.awaitLoginPage(Duration.ofSeconds(180));
            ApiClient api = app.api();
            assertThat(api.post("/api/v1/auth/signup", Map.of("email", "owner@lightbox.test", "password", ApiClient.USER_PASSWORD)).status())
                    .isEqualTo(201);
            String token = api.login("owner@lightbox.test", ApiClient.USER_PASSWORD);
            assertThat(api.upload("before.jpg", TestImages.jpeg(64, 48, 1), token).status()).isEqualTo(201);

            // held down: a bogus postmaster.pid keeps PostgreSQL from starting until the test removes it
            ProcessHandle first = postmaster(postgresDir);
            first.destroyForcibly();
            Files.writeString(postgresDir.resolve("postmaster.pid"), "kept from starting by the test\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> !running(first));

            assertUnavailable(api.getBytes("/api/v1/auth/me", token), "/api/v1/auth/me");
            assertUnavailable(api.getBytes("/api/v1/photos", token), "/api/v1/photos");
            ApiClient.Response upload = api.upload("during.jpg", TestImages.jpeg(64, 48, 2), token);
            assertThat(upload.status()).as("upload while the database is down: " + upload.body()).isEqualTo(503);
            assertThat(upload.contentType()).startsWith("application/problem+json");
            assertThat(api.getBytes("/actuator/health/readiness", null).status()).isEqualTo(503);
            assertThat(api.getBytes("/actuator/health/liveness", null).status()).isEqualTo(200);
            Files.delete(postgresDir.resolve("postmaster.pid"));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.getBytes("/api/v1/auth/me", token).status() == 200);

            // a plain kill -9: time to the first successful request
            ProcessHandle second = postmaster(postgresDir);
            long killedAt = System.nanoTime();
            second.destroyForcibly();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> api.getBytes("/api/v1/auth/me", token).status() == 200);
            long recoveryMillis = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
            System.out.println("packaged jar: kill -9 of the embedded PostgreSQL to the first 200: " + recoveryMillis + " ms");
            assertThat(recoveryMillis).isLessThan(30_000);
            assertThat(api.upload("after.jpg", TestImages.jpeg(64, 48, 3), token).status()).isEqualTo(201);
            assertThat(api.getBytes("/actuator/health/readiness", null).status()).isEqualTo(200);
            assertThat(app.output()).contains("restart attempt 1 failed").contains("restarted it (attempt ");
        }
    }

    private static void assertUnavailable(ApiClient.Bytes answer, String what) {
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        assertThat(answer.status()).as(what + ": " + body).isEqualTo(503);
        assertThat(answer.header("Content-Type")).as(what).startsWith("application/problem+json");
        assertThat(answer.header("Retry-After")).as(what).isNotBlank();
        assertThat(JSON.readTree(body).path("status").asInt()).isEqualTo(503);
    }

    private static boolean running(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return process.isAlive() && stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    private static ProcessHandle postmaster(Path postgresDir) throws IOException {
        String pid = Files.readAllLines(postgresDir.resolve("postmaster.pid")).getFirst().trim();
        return ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
    }
}

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
import java.util.concurrent.TimeUnit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** target/lightbox.jar run as an operator runs it: its own process, its own data directory, signals. */
class PackagedJarIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Stop, kill -9 and restart on one data directory; the last start (which stopped the orphaned PostgreSQL and
     * started its own) then loses its database to kill -9 twice and serves again: one cold start serves both.
     */
    @Test
    void servesTheLoginPageAndSurvivesStopAndKillOfTheAppAndOfItsDatabase() throws Exception {
        Path dataDir = IntegrationTest.newDataDir("jar");
        String token;
        try (var app = JarProcess.start(dataDir, Map.of())) {
            Duration startup = app.awaitLoginPage(Duration.ofSeconds(120));
            System.out.println("packaged jar: login page served " + startup.toMillis() + " ms after launch (cold data dir)");
            var page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.url("/login"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).contains("lightbox-theme").doesNotContain("vaadin-dev-tools");
            assertThat(app.api().get("/actuator/health", null).json().get("status").asString()).isEqualTo("UP");

            app.api().signUp("owner@lightbox.test", "granite-Pillow-meadow-83");
            token = app.api().login("owner@lightbox.test", "granite-Pillow-meadow-83");
            syncsFromAnotherProcessWithoutStartingAServer(app, dataDir, token);

            assertThat(app.stop()).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(postgresAlive(dataDir)).as("PostgreSQL stops with the app").isFalse();
        }

        try (var app = JarProcess.start(dataDir, Map.of())) {
            app.awaitLoginPage(Duration.ofSeconds(120));
            assertThat(app.api().get("/api/v1/auth/me", token).status()).isEqualTo(200);
            app.kill();
            assertThat(postgresAlive(dataDir)).as("after kill -9 the embedded PostgreSQL is orphaned").isTrue();
        }

        try (var app = JarProcess.start(dataDir, Map.of())) {
            app.awaitLoginPage(Duration.ofSeconds(120));
            assertThat(app.output()).contains("left running by a previous Lightbox process");
            assertThat(app.api().get("/api/v1/auth/me", token).status()).isEqualTo(200);
            servesAgainAfterItsDatabaseIsKilled(app, dataDir, token);
        }
        assertThat(postgresAlive(dataDir)).as("the PostgreSQL the watchdog restarted stops with the app too").isFalse();
    }

    /**
     * kill -9 of the embedded PostgreSQL: requests answer 503 problem+json with Retry-After within 2 s, readiness is
     * DOWN, and the same process serves again once its watchdog has restarted the database.
     */
    private static void servesAgainAfterItsDatabaseIsKilled(JarProcess app, Path dataDir, String token) throws Exception {
        Path postgresDir = dataDir.resolve("postgres");
        ApiClient api = app.api();
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
        // the watchdog must have met the obstacle before it goes: otherwise its first attempt simply succeeds
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> app.output().contains("restart attempt 1 failed"));
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

    /** {@code java -jar lightbox.jar sync}: the client in the same jar, run as a person runs it, sends attributes to the running app. */
    private static void syncsFromAnotherProcessWithoutStartingAServer(JarProcess app, Path dataDir, String token) throws Exception {
        Path workDir = Files.createTempDirectory(dataDir.getParent(), "sync-cwd-");
        Path photos = Files.createDirectories(workDir.resolve("photos"));
        Files.write(photos.resolve("one.jpg"), TestImages.jpeg(640, 480, 31));
        Files.write(photos.resolve("two.jpg"), TestImages.read(TestImages.GRACE_HOPPER));
        Files.writeString(photos.resolve("notes.txt"), "not a photo");
        Path jar = Path.of(System.getProperty("lightbox.jar", "target/lightbox.jar")).toAbsolutePath();
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "sync",
                photos.toString(), "--server", app.url(""), "--cache", workDir.resolve("cache").toString())
                .directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().remove("LIGHTBOX_DATA_DIR");
        builder.environment().put("LIGHTBOX_SYNC_TOKEN", token);
        Process sync = builder.start();
        String output = new String(sync.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sync.waitFor(2, TimeUnit.MINUTES)).isTrue();
        System.out.println("packaged jar sync:\n" + output);

        assertThat(sync.exitValue()).as(output).isZero();
        assertThat(output).contains("Sync done").containsPattern("synced +2").containsPattern("skipped +1")
                .doesNotContain("Spring").doesNotContain("Tomcat").doesNotContain(token);
        assertThat(workDir.resolve("data")).as("no data directory: nothing of the server started").doesNotExist();
        assertThat(app.api().get("/api/v1/sync/attributes", token).json().get("items").size()).isEqualTo(2);
    }

    @Test
    void settingsComeFromTheEnvironmentAndABadOneExitsWithTheReason() throws Exception {
        Path dataDir = IntegrationTest.newDataDir("jar-env");
        try (var app = JarProcess.start(dataDir, Map.of(
                "LIGHTBOX_S3_ENDPOINT", "http://127.0.0.1:9", "LIGHTBOX_S3_ACCESS_KEY", "key", "LIGHTBOX_S3_SECRET_KEY", "secret"))) {
            assertThat(app.awaitExit(Duration.ofSeconds(90))).isEqualTo(1);
            assertThat(app.output()).contains("Cannot reach S3 at http://127.0.0.1:9 (bucket lightbox)");
        }
        try (var app = JarProcess.start(dataDir, Map.of("LIGHTBOX_DB_POOL_SIZE", "0"))) {
            assertThat(app.awaitExit(Duration.ofSeconds(90))).isEqualTo(1);
            assertThat(app.output()).contains("LIGHTBOX_DB_POOL_SIZE").contains("must be greater than or equal to 1");
        }
        assertThat(postgresAlive(dataDir)).isFalse();
    }

    private static boolean postgresAlive(Path dataDir) {
        String dir = dataDir.resolve("postgres").toString();
        return ProcessHandle.allProcesses()
                .anyMatch(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(dir)).orElse(false));
    }
}

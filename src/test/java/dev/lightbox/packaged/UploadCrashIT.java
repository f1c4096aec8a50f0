package dev.lightbox.packaged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.JarProcess;
import dev.lightbox.support.TestImages;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Crashes during 20 parallel uploads of multi-MB photos, then a restart on the same data directory: every
 * upload that got its 201 has its row and original, and no temporary object, no unfinished multipart
 * upload and no unreferenced original is left. After a kill -9 of the app that is the startup cleanup's
 * work alone; after a kill -9 of its embedded PostgreSQL (uploads fail mid-way, their cleanup cannot reach
 * the database) the restarted node runs its sweep every 3 seconds too.
 */
class UploadCrashIT {

    private static final String ADMIN = "admin@lightbox.test";
    private static final String PASSWORD = IntegrationTest.ADMIN_PASSWORD;
    private static final int UPLOADS = 20;
    /** Made once for both tests, on another thread while the first app starts (they take ~10 s on a loaded machine). */
    private static final CompletableFuture<List<byte[]>> PHOTOS = CompletableFuture.supplyAsync(UploadCrashIT::noisyPhotos);

    @Test
    void killedDuringParallelUploadsTheRestartedNodeKeepsEvery201AndLeavesNoOrphan() throws Exception {
        Path dataDir = IntegrationTest.newDataDir("upload-crash");
        var env = env();
        Map<String, String> created;
        try (var app = JarProcess.start(dataDir, env)) {
            app.awaitLoginPage(Duration.ofMinutes(5));
            created = uploadInParallelUntil(app, app::kill);
        }
        // the periodic sweep is 10 minutes away: what follows is the startup cleanup's work alone
        restartAndCheck(dataDir, env, created);
    }

    @Test
    void databaseKilledDuringParallelUploadsLeavesNoRowWithoutItsOriginalAndNoOrphanAfterTheSweep() throws Exception {
        Path dataDir = IntegrationTest.newDataDir("db-crash");
        var env = env();
        Map<String, String> created;
        try (var app = JarProcess.start(dataDir, env)) {
            app.awaitLoginPage(Duration.ofMinutes(5));
            created = uploadInParallelUntil(app, () -> {
                long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).getFirst().strip());
                ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
            });
            app.kill();
        }
        var withSweep = new HashMap<>(env);
        withSweep.put("LIGHTBOX_STORAGE_SWEEP_INTERVAL", "3s");
        withSweep.put("LIGHTBOX_STORAGE_SWEEP_GRACE", "0s");
        restartAndCheck(dataDir, withSweep, created);
    }

    private static Map<String, String> env() {
        return Map.of("LIGHTBOX_ADMIN_EMAIL", ADMIN, "LIGHTBOX_ADMIN_PASSWORD", PASSWORD, "LIGHTBOX_JOBS_CPU_THREADS", "1");
    }

    interface Crash {
        void run() throws Exception;
    }

    private static List<byte[]> noisyPhotos() {
        List<byte[]> photos = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) photos.add(noisyJpeg(2600 + 60 * i, 2600, System.nanoTime() + i));
        return List.copyOf(photos);
    }

    /** Sends 20 multi-MB photos at once; once 3 got their 201, crashes something; returns sha256 → id of every 201. */
    private Map<String, String> uploadInParallelUntil(JarProcess app, Crash crash) throws Exception {
        List<byte[]> photos = PHOTOS.join();
        assertThat(photos).as("some go up as multipart uploads (over one 8 MiB part)").anyMatch(bytes -> bytes.length > 8 * 1024 * 1024);
        Map<String, String> created = new ConcurrentHashMap<>();
        AtomicInteger answered = new AtomicInteger();
        ApiClient api = app.api();
        String token = api.login(ADMIN, PASSWORD);
        ExecutorService clients = Executors.newFixedThreadPool(UPLOADS);
        for (int i = 0; i < UPLOADS; i++) {
            byte[] bytes = photos.get(i);
            String name = "crash-" + i + ".jpg";
            clients.submit(() -> {
                try {
                    var response = api.upload(name, bytes, token);
                    if (response.status() == 201) created.put(sha256(bytes), response.json().get("id").asString());
                } catch (RuntimeException connectionLost) {
                    // the server died under this request: no 201
                } finally {
                    answered.incrementAndGet();
                }
            });
        }
        await().atMost(Duration.ofMinutes(3)).until(() -> created.size() >= 3);
        int answeredAtCrash = answered.get();
        crash.run();
        clients.shutdown();
        await().atMost(Duration.ofMinutes(3)).until(clients::isTerminated);
        System.out.printf("upload crash: %d photos of %.1f-%.1f MB; crashed with %d answered; %d got 201 in all%n", UPLOADS,
                photos.stream().mapToInt(p -> p.length).min().orElseThrow() / 1e6, photos.stream().mapToInt(p -> p.length).max().orElseThrow() / 1e6,
                answeredAtCrash, created.size());
        assertThat(answeredAtCrash).as("the crash came while uploads were in flight").isLessThan(UPLOADS);
        return Map.copyOf(created);
    }

    /** Every 201 has its row and original; no temporary object, no multipart upload, originals/ exactly the referenced contents. */
    private void restartAndCheck(Path dataDir, Map<String, String> env, Map<String, String> created) throws Exception {
        try (var app = JarProcess.start(dataDir, env)) {
            app.awaitLoginPage(Duration.ofMinutes(5));
            ApiClient api = app.api();
            String token = api.login(ADMIN, PASSWORD);
            S3 s3 = S3.connect(dataDir, app.output());

            Set<String> rows = new HashSet<>();
            for (JsonNode item : api.get("/api/v1/photos?limit=500", token).json().get("items")) rows.add(item.get("sha256").asString());
            assertThat(rows).as("every 201 has its row").containsAll(created.keySet());
            for (var photo : created.entrySet()) {
                assertThat(api.get("/api/v1/photos/" + photo.getValue(), token).status()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> SoftAssertions.assertSoftly(soft -> {
                try {
                    soft.assertThat(s3.keys("uploads/")).as("temporary objects").isEmpty();
                    soft.assertThat(s3.incompleteUploads()).as("unfinished multipart uploads").isZero();
                    soft.assertThat(s3.keys("originals/")).as("originals/ holds exactly the referenced contents")
                            .containsExactlyInAnyOrderElementsOf(rows.stream().map(sha -> "originals/" + sha).toList());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
            System.out.println("upload crash: " + rows.size() + " rows after the restart; " + app.output().lines()
                    .filter(line -> line.contains("Removed the leftovers") || line.contains("Storage sweep removed"))
                    .map(line -> line.substring(line.lastIndexOf(" : ") + 3)).toList());
        }
    }

    private record S3(MinioClient client, MinioAsyncClient async) {

        /** The embedded S3 server's address is in the app's log (a port chosen in advance could be taken by then). */
        static S3 connect(Path dataDir, String log) throws Exception {
            var started = java.util.regex.Pattern.compile("Embedded S3 server started on (http://\\S+)").matcher(log);
            assertThat(started.find()).as("the log names the embedded S3 server's address").isTrue();
            var credentials = new Properties();
            try (Reader reader = Files.newBufferedReader(dataDir.resolve("s3-credentials.properties"))) {
                credentials.load(reader);
            }
            String endpoint = started.group(1);
            String access = credentials.getProperty("accessKey");
            String secret = credentials.getProperty("secretKey");
            return new S3(MinioClient.builder().endpoint(endpoint).credentials(access, secret).region("us-east-1").build(),
                    MinioAsyncClient.builder().endpoint(endpoint).credentials(access, secret).region("us-east-1").build());
        }

        List<String> keys(String prefix) throws Exception {
            var keys = new ArrayList<String>();
            for (var item : client.listObjects(ListObjectsArgs.builder().bucket("lightbox").prefix(prefix).recursive(true).build())) {
                keys.add(item.get().objectName());
            }
            return keys;
        }

        int incompleteUploads() throws Exception {
            return async.listMultipartUploadsAsync("lightbox", null, null, null, null, 1000, "", null, null, null).get().result().uploads().size();
        }
    }

    /** Random pixels: JPEG cannot compress them, so each photo is several MB (some over one 8 MB multipart part). */
    private static byte[] noisyJpeg(int width, int height, long seed) {
        byte[] pixels = new byte[width * height * 3];
        new java.util.Random(seed).nextBytes(pixels);
        try (Mat image = new Mat(height, width, CV_8UC3)) {
            image.data().put(pixels);
            return TestImages.encode(image, ".jpg");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

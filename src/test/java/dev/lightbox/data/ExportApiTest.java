package dev.lightbox.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.retention.ExpiringResults;
import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export end to end: a library of 200 photos goes into one zip in the object store whose originals are
 * byte-identical and whose sidecars equal the REST API's answers; download with ranges; scoping; one at a time;
 * expiry deletes the object.
 */
class ExportApiTest extends IntegrationTest {

    private static final int PHOTOS = 200;

    @Autowired List<ExpiringResults> expiring;
    @Autowired ObjectStore store;
    @Autowired JsonMapper json;
    @Autowired JdbcClient jdbc;

    @Test
    void exportHoldsEveryOriginalAndSidecarsThatMatchTheApi() throws IOException {
        var api = api();
        var user = api.newUser();
        var other = api.newUser();
        long seed = System.nanoTime();
        Map<String, String> sha256ById = new java.util.concurrent.ConcurrentHashMap<>();
        var uploaded = new java.util.ArrayList<java.util.concurrent.Future<?>>();
        try (var uploads = java.util.concurrent.Executors.newFixedThreadPool(4)) { // the server's work overlaps the requests'
            for (int n = 0; n < PHOTOS; n++) {
                int i = n;
                uploaded.add(uploads.submit(() -> {
                    String name = i < 3 ? "IMG_1.jpg" : "IMG_" + (i + 1) + ".jpg"; // three photos share a name
                    byte[] bytes = TestImages.jpeg(320, 240, seed + i);
                    var answer = api.upload(name, bytes, user.token());
                    // a busy 2-core CI machine may answer 503 (no database connection within the timeout), as a client would see
                    for (int attempt = 1; answer.status() == 503 && attempt < 5; attempt++) answer = api.upload(name, bytes, user.token());
                    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
                    sha256ById.put(answer.json().get("id").asString(), sha256(bytes));
                    return null;
                }));
            }
        }
        for (var upload : uploaded) {
            try {
                upload.get(); // an upload's failure fails the test with its own message
            } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                throw new AssertionError(e.getCause() != null ? e.getCause() : e);
            }
        }
        assertThat(sha256ById).hasSize(PHOTOS);
        awaitIdle(api, user.token()); // the photos' analysis is done: the API's answers stay as the export saw them

        var started = api.post("/api/v1/export", "", user.token());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asString();
        api.awaitJobSucceeded(started.json().get("jobId").asString(), user.token(), Duration.ofMinutes(2));

        JsonNode export = api.get("/api/v1/export/" + id, user.token()).json();
        assertThat(export.get("status").asString()).isEqualTo("READY");
        assertThat(export.get("photoCount").asInt()).isEqualTo(PHOTOS);
        assertThat(Instant.parse(export.get("expiresAt").asString())).isAfter(Instant.parse(export.get("createdAt").asString()).plus(Duration.ofDays(6)));
        assertThat(export.get("downloadUrl").asString()).isEqualTo("/api/v1/export/" + id + "/download");
        assertThat(api.get("/api/v1/export", user.token()).json().get("items").values()).extracting(e -> e.get("id").asString()).contains(id);

        var zip = api.getBytes("/api/v1/export/" + id + "/download", user.token());
        assertThat(zip.status()).isEqualTo(200);
        assertThat(zip.body().length).isEqualTo(export.get("sizeBytes").asLong());
        assertThat(zip.header("Content-Disposition")).startsWith("attachment").contains("lightbox-export-").contains(".zip");
        assertThat(zip.header("Accept-Ranges")).isEqualTo("bytes");
        Map<String, byte[]> entries = unzip(zip.body());

        assertThat(entries).containsKeys("README.txt", "scoring-configs.json", "models/models.json", "skin-diary.csv", "credits.csv",
                "photos/IMG_1.jpg", "photos/IMG_1 (2).jpg", "photos/IMG_1 (3).jpg");
        int photos = 0;
        for (var entry : entries.entrySet()) {
            if (!entry.getKey().startsWith("photos/") || !entry.getKey().endsWith(".json")) continue;
            photos++;
            JsonNode sidecar = json.readTree(entry.getValue());
            String photoId = sidecar.get("photo").get("id").asString();
            ObjectNode answer = (ObjectNode) api.get("/api/v1/photos/" + photoId, user.token()).json();
            answer.remove("jobs");
            assertThat(sidecar.get("photo")).as("sidecar of " + photoId).isEqualTo(answer);
            assertThat(api.get("/api/v1/skin/checkins/" + photoId, user.token()).status()).isEqualTo(404);
            assertThat(sidecar.get("skinCheckin").isNull()).isTrue();
            String original = entry.getKey().substring(0, entry.getKey().length() - ".json".length());
            assertThat(sha256(entries.get(original))).as(original).isEqualTo(sha256ById.get(photoId));
        }
        assertThat(photos).isEqualTo(PHOTOS);
        assertThat(json.readTree(entries.get("scoring-configs.json"))).isEqualTo(api.get("/api/v1/scoring-configs", user.token()).json());
        assertThat(json.readTree(entries.get("models/models.json"))).isEqualTo(api.get("/api/v1/models", user.token()).json());
        assertThat(new String(entries.get("credits.csv"))).startsWith("id,createdAt,kind,amount,balanceAfter,reason,reference");

        var range = api.getBytes("/api/v1/export/" + id + "/download", user.token(), "Range", "bytes=1000-2999");
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.header("Content-Range")).isEqualTo("bytes 1000-2999/" + zip.body().length);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(zip.body(), 1000, 3000));
        assertThat(api.getBytes("/api/v1/export/" + id + "/download", user.token(), "Range", "bytes=" + zip.body().length + "-").status())
                .isEqualTo(416);

        assertThat(api.get("/api/v1/export/" + id, other.token()).status()).isEqualTo(404);
        assertThat(api.getBytes("/api/v1/export/" + id + "/download", other.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/export", other.token()).json().get("items").values()).isEmpty();

        String key = "exports/" + user.id() + "/" + id + ".zip";
        assertThat(store.stat(key)).isPresent();
        ExpiringResults exports = expiring.stream().filter(e -> e.getClass().getSimpleName().startsWith("ExportExpiry")).findFirst().orElseThrow();
        Instant later = Instant.parse(export.get("expiresAt").asString()).plusSeconds(1);
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String outbox = "/api/v1/admin/queues/cpu/types/storage.delete-objects";
        assertThat(api.put(outbox, Map.of("paused", true), admin).status()).isEqualTo(200);
        try { // the zip's deletion is a durable job queued with the EXPIRED row, not a call after the commit
            assertThat(exports.expire(later, 100).results()).isGreaterThanOrEqualTo(1);
            assertThat(store.stat(key)).isPresent();
            assertThat(jdbc.sql("select count(*) from jobs where type = 'storage.delete-objects' and status = 'QUEUED' and payload::text like :key")
                    .param("key", "%" + key + "%").query(Long.class).single()).isEqualTo(1);
        } finally {
            api.put(outbox, Map.of("paused", false), admin);
        }
        ApiClient.await("the outbox deletes the zip", Duration.ofMinutes(1), () -> store.stat(key).isPresent(), present -> !present);
        assertThat(exports.expire(later, 100).results()).isZero(); // idempotent
        assertThat(api.get("/api/v1/export/" + id, user.token()).json().get("status").asString()).isEqualTo("EXPIRED");
        var gone = api.getBytes("/api/v1/export/" + id + "/download", user.token());
        assertThat(gone.status()).isEqualTo(410);
    }

    @Test
    void oneExportRunsAtATimeAndACancelledOneFails() {
        var api = api();
        var user = api.newUser();
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String type = "/api/v1/admin/queues/cpu/types/data.export";
        assertThat(api.put(type, Map.of("paused", true), admin).status()).isEqualTo(200);
        try {
            var first = api.post("/api/v1/export", "", user.token());
            assertThat(first.status()).isEqualTo(202);
            String id = first.json().get("id").asString();
            var second = api.post("/api/v1/export", "", user.token());
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.contentType()).contains("problem+json");
            assertThat(second.json().get("id").asString()).isEqualTo(id);
            assertThat(api.get("/api/v1/export/" + id, user.token()).json().get("status").asString()).isEqualTo("RUNNING");
            assertThat(api.getBytes("/api/v1/export/" + id + "/download", user.token()).status()).isEqualTo(409);

            assertThat(api.post("/api/v1/jobs/" + first.json().get("jobId").asString() + "/cancel", "", user.token()).status()).isLessThan(300);
            assertThat(api.get("/api/v1/export/" + id, user.token()).json().get("status").asString()).isEqualTo("FAILED");
            var again = api.post("/api/v1/export", "", user.token());
            assertThat(again.status()).as("a cancelled export no longer blocks a new one").isEqualTo(202);
            assertThat(api.get("/api/v1/export/" + id, user.token()).json().get("status").asString()).isEqualTo("FAILED");
            assertThat(api.post("/api/v1/jobs/" + again.json().get("jobId").asString() + "/cancel", "", user.token()).status()).isLessThan(300);
        } finally {
            api.put(type, Map.of("paused", false), admin);
        }
    }

    private static void awaitIdle(ApiClient api, String token) {
        ApiClient.await("the user's jobs finish", Duration.ofMinutes(3),
                () -> api.get("/api/v1/jobs?status=queued&limit=1", token).json().get("items").size()
                        + api.get("/api/v1/jobs?status=running&limit=1", token).json().get("items").size(),
                busy -> busy == 0);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        var entries = new LinkedHashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                assertThat(entries.put(entry.getName(), in.readAllBytes())).as("one entry named " + entry.getName()).isNull();
            }
        }
        return entries;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

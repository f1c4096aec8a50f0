package dev.lightbox.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.analysis.service.AnalysisService;
import dev.lightbox.analysis.service.SyncedAnalysisStored;
import dev.lightbox.scoring.service.ScoringService;
import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.ApiClient.Response;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Photos synced without their original (only hash, metadata and the owner's device's attributes) behave like
 * photos: scored, ranked, profiled, counted, labelled and rated; a placeholder for their thumbnail and preview,
 * a 404 problem for the original; uploading the same bytes gives the row its original; byte-needing work refuses.
 */
class SyncedPhotosTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transaction;
    @Autowired ApplicationEventPublisher events;
    @Autowired ScoringService scoring;
    @Autowired ObjectStore store;

    @Test
    void aSyncedPhotoIsScoredRankedProfiledCountedAndRescored() {
        var user = api().newUser();
        UUID good = sync(user, randomSha(), attributes(0.9, 0.02, 20), 4000, 3000, "good.jpg");
        UUID poor = sync(user, randomSha(), attributes(0.1, 0.4, 80), 3000, 4000, "poor.jpg");

        JsonNode photo = api().get("/api/v1/photos/" + good, user.token()).json();
        assertThat(photo.get("source").asString()).isEqualTo("sync");
        assertThat(photo.get("score").isNull()).as(photo.toString()).isFalse();
        assertThat(photo.get("analysis").get("status").asString()).isEqualTo("done");
        assertThat(photo.get("analysis").get("attributes").get("sharpness").asDouble()).isEqualTo(0.9);
        double goodScore = photo.get("score").asDouble();
        double poorScore = api().get("/api/v1/photos/" + poor, user.token()).json().get("score").asDouble();
        assertThat(goodScore).isGreaterThan(poorScore);

        // ranked lists (Best of reads the same ranking), best first and lowest first
        assertThat(ids(api().get("/api/v1/photos?sort=score", user.token()))).containsExactly(good.toString(), poor.toString());
        assertThat(ids(api().get("/api/v1/photos?sort=score-asc", user.token()))).containsExactly(poor.toString(), good.toString());

        Response profile = api().get("/api/v1/profile", user.token());
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        assertThat(profile.json().get("photos").asInt()).isEqualTo(2);

        JsonNode coverage = api().get("/api/v1/analysis", user.token()).json();
        assertThat(coverage.get("photos").asInt()).as(coverage.toString()).isEqualTo(2);
        assertThat(coverage.get("current").asInt()).isEqualTo(2);
        assertThat(coverage.get("pending").asInt()).isZero();

        // re-scoring the library (the library scan) scores them again
        jdbc.sql("delete from photo_scores where owner_id = :owner").param("owner", user.id()).update();
        assertThat(ids(api().get("/api/v1/photos?sort=score", user.token()))).isEmpty();
        api().awaitJobSucceeded(scoring.rescoreLibrary(user.id()).toString(), user.token(), WAIT);
        assertThat(ids(api().get("/api/v1/photos?sort=score", user.token()))).containsExactly(good.toString(), poor.toString());

        Response labelled = api().put("/api/v1/photos/" + good + "/labels", List.of("keeper"), user.token());
        assertThat(labelled.status()).as(labelled.body()).isEqualTo(200);
        assertThat(labelled.json().get("labels").get(0).asString()).isEqualTo("keeper");
        Response rated = api().put("/api/v1/photos/" + good + "/rating", Map.of("stars", 4), user.token());
        assertThat(rated.status()).as(rated.body()).isEqualTo(200);
        assertThat(rated.json().get("stars").asInt()).isEqualTo(4);
    }

    @Test
    void aSyncedPhotosThumbnailAndPreviewAreAPlaceholderOfItsAspectAndItsOriginalIsA404Problem() {
        var user = api().newUser();
        UUID id = sync(user, randomSha(), attributes(0.5, 0.1, 40), 4000, 3000,
                "<img src=x onerror=alert(1)>&\".jpg");
        for (String path : List.of("/api/v1/photos/" + id + "/thumbnail", "/api/v1/photos/" + id + "/preview")) {
            ApiClient.Bytes image = api().getBytes(path, user.token());
            assertThat(image.status()).as(path).isEqualTo(200);
            assertThat(image.header("Content-Type")).startsWith("image/svg+xml");
            assertThat(image.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(image.header("Content-Security-Policy")).contains("default-src 'none'").doesNotContain("script-src");
            String svg = new String(image.body(), StandardCharsets.UTF_8);
            assertThat(svg).contains("viewBox=\"0 0 600 450\"").contains("&lt;img src=x onerror=alert(1)&gt;&amp;&quot;.jpg")
                    .doesNotContain("<img").doesNotContain("<script");
        }
        Response original = api().get("/api/v1/photos/" + id + "/original", user.token());
        assertThat(original.status()).isEqualTo(404);
        assertThat(original.contentType()).startsWith("application/problem+json");
        assertThat(original.detail()).contains("synced without its original");
    }

    @Test
    void uploadingTheSyncedBytesGivesTheSameRowItsOriginalWithoutAnalysingAgainWhenTheVersionsMatch() {
        var user = api().newUser();
        byte[] bytes = TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER));
        UUID id = sync(user, sha256(bytes), attributes(0.7, 0.05, 30), 4000, 3000, "hopper.jpg");

        Response uploaded = api().upload("hopper.jpg", bytes, user.token());
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(uploaded.json().get("id").asString()).isEqualTo(id.toString());
        assertThat(rows(user.id())).isEqualTo(1);
        assertThat(jdbc.sql("select source from photos where id = :id").param("id", id).query(String.class).single()).isEqualTo("upload");
        JsonNode photo = api().get("/api/v1/photos/" + id, user.token()).json();
        assertThat(photo.get("source").asString()).isEqualTo("upload");
        assertThat(photo.get("links").get("original").isNull()).isFalse();
        assertThat(photo.get("width").asInt()).isEqualTo(512); // the file's, not what the device sent
        assertThat(photo.get("height").asInt()).isEqualTo(512);
        ApiClient.Bytes thumbnail = ApiClient.await("the real thumbnail", WAIT, () -> api().getBytes("/api/v1/photos/" + id + "/thumbnail",
                user.token()), t -> "image/jpeg".equals(t.header("Content-Type")));
        assertThat(TestImages.decode(thumbnail.body()).empty()).isFalse();
        assertThat(api().getBytes("/api/v1/photos/" + id + "/original", user.token()).body()).isEqualTo(bytes);
        assertThat(analysisJobs(id)).isZero();
        assertThat(api().get("/api/v1/photos/" + id, user.token()).json().get("analysis").get("attributes").get("sharpness").asDouble())
                .isEqualTo(0.7);
    }

    @Test
    void aRefusedTwoFileUploadWhoseFirstFileWasSyncedKeepsTheSyncedPhoto() throws Exception {
        var user = api().newUser();
        byte[] bytes = TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER));
        UUID id = sync(user, sha256(bytes), attributes(0.7, 0.05, 30), 512, 512, "hopper.jpg");
        String boundary = "lightbox-" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        for (byte[] file : List.of(bytes, TestImages.uniqueCopy(TestImages.read(TestImages.FRUITS)))) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
                    + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/photos"))
                .header("Authorization", "Bearer " + user.token()).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            assertThat(http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
        }
        assertThat(rows(user.id())).as("the synced photo is not the refused upload's to take back").isEqualTo(1);
        assertThat(api().get("/api/v1/photos/" + id, user.token()).status()).isEqualTo(200);
    }

    @Test
    void uploadingBytesSyncedByAnOlderAnalyserAnalysesThem() {
        var user = api().newUser();
        byte[] bytes = TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER));
        UUID id = insertSynced(user.id(), sha256(bytes), AnalysisService.currentVersion() - 1, attributes(0.7, 0.05, 30), 512, 512, "hopper.jpg");
        assertThat(api().get("/api/v1/photos/" + id, user.token()).json().get("analysis").get("status").asString()).isEqualTo("outdated");

        Response uploaded = api().upload("hopper.jpg", bytes, user.token());
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(uploaded.json().get("id").asString()).isEqualTo(id.toString());
        assertThat(analysisJobs(id)).isEqualTo(1);
        ApiClient.await("the server's analysis", WAIT, () -> api().get("/api/v1/photos/" + id, user.token()).json(),
                p -> "done".equals(p.get("analysis").get("status").asString()));
    }

    @Test
    void describingASyncedPhotoIsRefusedAndCostsNothing() {
        var user = api().newUser();
        UUID id = sync(user, randomSha(), attributes(0.5, 0.1, 40), 4000, 3000, "far.jpg");
        Response refused = api().post("/api/v1/photos/" + id + "/describe", Map.of(), user.token());
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.detail()).contains("synced without its original");
        assertThat(jdbc.sql("select count(*) from jobs where owner_id = :owner and type = 'vision.describe'").param("owner", user.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void anotherUsersSyncedRowDoesNotKeepADeletedUploadsOriginal() {
        var uploader = api().newUser();
        var syncer = api().newUser();
        byte[] bytes = TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER));
        String sha = sha256(bytes);
        Response uploaded = api().upload("hopper.jpg", bytes, uploader.token());
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        String uploadedId = uploaded.json().get("id").asString();
        api().awaitThumbnail(uploadedId, uploader.token());
        UUID synced = sync(syncer, sha, attributes(0.7, 0.05, 30), 512, 512, "hopper.jpg");

        assertThat(api().deleteForever(uploadedId, uploader.token()).status()).isEqualTo(204);
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            assertThat(store.stat("originals/" + sha)).as("a synced row holds no original").isEmpty();
            assertThat(store.stat("derived/" + sha + "/thumb-400.jpg")).isEmpty();
            assertThat(store.stat("derived/" + sha + "/preview-1600.jpg")).isEmpty();
        });
        assertThat(api().get("/api/v1/photos/" + synced, syncer.token()).json().get("source").asString()).isEqualTo("sync");
    }

    @Test
    void aSyncedPhotoDeletedAndSyncedAgainIsScoredAgainAndItsDeviceRowsGoWithIt() {
        var user = api().newUser();
        String sha = randomSha();
        UUID first = sync(user, sha, attributes(0.8, 0.03, 25), 4000, 3000, "again.jpg");
        assertThat(syncedRows(user.id(), sha)).isEqualTo(2); // its synced analysis and its synced score inputs
        assertThat(api().deleteForever(first.toString(), user.token()).status()).isEqualTo(204);
        assertThat(syncedRows(user.id(), sha)).as("the device's rows go with the photo").isZero();

        UUID second = sync(user, sha, attributes(0.8, 0.03, 25), 4000, 3000, "again.jpg");
        JsonNode photo = api().get("/api/v1/photos/" + second, user.token()).json();
        assertThat(photo.get("score").isNull()).as(photo.toString()).isFalse();
        assertThat(ids(api().get("/api/v1/photos?sort=score", user.token()))).containsExactly(second.toString());
    }

    private long syncedRows(UUID owner, String sha256) {
        return jdbc.sql("""
                select (select count(*) from synced_analyses where owner_id = :owner and sha256 = :sha)
                     + (select count(*) from synced_score_inputs where owner_id = :owner and sha256 = :sha)""")
                .param("owner", owner).param("sha", sha256).query(Long.class).single();
    }

    @Test
    void aSyncedRowShowsOnlyItsOwnersAttributesNeverTheServersAnalysisOfAnotherUsersUpload() {
        var uploader = api().newUser();
        var syncer = api().newUser();
        byte[] bytes = TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER));
        String uploadedId = api().upload("hopper.jpg", bytes, uploader.token()).json().get("id").asString();
        JsonNode theirs = ApiClient.await("the uploader's analysis", WAIT, () -> api().get("/api/v1/photos/" + uploadedId, uploader.token()).json(),
                p -> "done".equals(p.get("analysis").get("status").asString()));
        assertThat(theirs.get("analysis").get("attributes").has("perceptualHash")).as(theirs.toString()).isTrue();

        UUID mine = sync(syncer, sha256(bytes), Map.of("brightness", 0.42), 512, 512, "hopper.jpg");
        JsonNode attributes = api().get("/api/v1/photos/" + mine, syncer.token()).json().get("analysis").get("attributes");
        assertThat(attributes.get("brightness").asDouble()).as(attributes.toString()).isEqualTo(0.42);
        assertThat(attributes.has("faces")).as(attributes.toString()).isFalse();
        assertThat(attributes.has("perceptualHash")).as(attributes.toString()).isFalse();
        assertThat(attributes.has("sharpness")).as(attributes.toString()).isFalse();
    }

    @Test
    void anAttributeASyncDidNotSendIsNotMeasuredNeitherPassingNorFailingAThreshold() {
        var user = api().newUser();
        UUID id = sync(user, randomSha(), Map.of("brightness", 0.5), 4000, 3000, "bright.jpg");
        JsonNode photo = api().get("/api/v1/photos/" + id, user.token()).json();
        assertThat(photo.get("score").isNull()).as(photo.toString()).isFalse();
        assertThat(photo.get("failures").values()).as(photo.toString()).isEmpty(); // was "Sharpness 0.00 is below the minimum 0.10"
        assertThat(photo.get("passed").asBoolean()).as(photo.toString()).isTrue();
    }

    @Test
    void syncedPhotosWithTheSamePerceptualHashAreGroupedTogether() {
        var user = api().newUser();
        var similar = new LinkedHashMap<String, Object>(attributes(0.6, 0.05, 30));
        similar.put("perceptualHash", "c3a5f00f0ff05a3c");
        UUID first = sync(user, randomSha(), similar, 4000, 3000, "one.jpg");
        UUID second = sync(user, randomSha(), similar, 4000, 3000, "two.jpg");
        JsonNode groups = ApiClient.await("one similar group of both", WAIT, () -> api().get("/api/v1/groups?kind=similar", user.token()).json(),
                g -> g.get("items").size() == 1);
        assertThat(groups.get("items").get(0).get("photoIds").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder(first.toString(), second.toString());
    }

    /** A photo synced through the API (POST /api/v1/sync/attributes), as the command-line client sends it. */
    private UUID sync(ApiClient.User user, String sha256, Map<String, Object> attributes, int width, int height, String fileName) {
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("takenAt", "2024-05-17T09:30:00");
        metadata.put("camera", "Canon EOS R6");
        metadata.put("width", width);
        metadata.put("height", height);
        metadata.put("fileName", fileName);
        var item = new LinkedHashMap<String, Object>();
        item.put("sha256", sha256);
        item.put("analyzerVersion", AnalysisService.currentVersion());
        item.put("attributes", attributes);
        item.put("metadata", metadata);
        Response synced = api().post("/api/v1/sync/attributes", Map.of("items", List.of(item)), user.token());
        assertThat(synced.status()).as(synced.body()).isEqualTo(200);
        assertThat(synced.json().get("created").asInt()).isEqualTo(1);
        return jdbc.sql("select id from photos where owner_id = :owner and sha256 = :sha").param("owner", user.id()).param("sha", sha256)
                .query(UUID.class).single();
    }

    /**
     * A photo synced by an older analyser version (the API accepts only the current one), as the sync API
     * stores it: a {@code source = 'sync'} row, the owner's synced analysis, {@link SyncedAnalysisStored}, in one transaction.
     */
    private UUID insertSynced(UUID owner, String sha256, int version, Map<String, Object> attributes, int width, int height, String fileName) {
        UUID id = UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                    insert into photos (id, owner_id, sha256, size_bytes, format, width, height, orientation, taken_at, taken_at_source,
                                        uploaded_at, original_name, camera_make, camera_model, source)
                    values (:id, :owner, :sha, 0, 'JPEG', :w, :h, 1, :taken, 'EXIF', now(), :name, 'Canon', 'EOS R6', 'sync')""")
                    .param("id", id).param("owner", owner).param("sha", sha256).param("w", width).param("h", height)
                    .param("taken", LocalDateTime.of(2024, 5, 17, 9, 30)).param("name", fileName).update();
            jdbc.sql("""
                    insert into synced_analyses (owner_id, sha256, analyzer_version, attributes, analysed_at, received_at, updated_at)
                    values (:owner, :sha, :version, cast(:attributes as jsonb), now(), now(), now())""")
                    .param("owner", owner).param("sha", sha256).param("version", version)
                    .param("attributes", JSON.writeValueAsString(attributes)).update();
            events.publishEvent(new SyncedAnalysisStored(owner, id, sha256));
        });
        return id;
    }

    private static Map<String, Object> attributes(double sharpness, double noise, double brisque) {
        var a = new LinkedHashMap<String, Object>();
        a.put("sharpness", sharpness);
        a.put("exposure", "ok");
        a.put("brightness", 0.5);
        a.put("shadowClipping", 0.01);
        a.put("highlightClipping", 0.01);
        a.put("contrast", 0.4);
        a.put("colorfulness", 35.0);
        a.put("saturation", 0.35);
        a.put("noise", noise);
        a.put("brisque", brisque);
        a.put("thirds", 0.5);
        a.put("horizonTilt", 0.5);
        a.put("faceCount", 0);
        return a;
    }

    private long rows(UUID owner) {
        return jdbc.sql("select count(*) from photos where owner_id = :owner").param("owner", owner).query(Long.class).single();
    }

    private long analysisJobs(UUID photoId) {
        return jdbc.sql("select count(*) from jobs where type = 'analysis.photo' and subject_id = :id").param("id", photoId)
                .query(Long.class).single();
    }

    private static List<String> ids(Response page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return StreamSupport.stream(page.json().get("items").spliterator(), false).map(item -> item.get("id").asString()).toList();
    }

    private static String randomSha() {
        return sha256(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

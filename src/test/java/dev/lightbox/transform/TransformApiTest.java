package dev.lightbox.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.jobs.JobEvent;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.ApiClient.Response;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import dev.lightbox.support.TestJobHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Restyle over REST against the real pipeline, store and queue: a run to completion with every step reported,
 * its images (ETag, 304, Range), styles, refusals that keep nothing, cancel (queued and mid-generate) and a failed
 * validation that leave no objects, save to the library, delete, and another user's 404 on every route.
 */
class TransformApiTest extends IntegrationTest {

    private static final Duration RUN = Duration.ofSeconds(60);
    private static final List<String> STEPS = List.of("load", "detect", "segment", "edges", "depth", "generate", "validate", "save");

    @Autowired ObjectStore store;
    @Autowired JobEvents events;
    @Autowired JobService jobs;
    @Autowired JdbcClient jdbc;

    @Test
    void aRestyleRunsEveryStepAndServesItsImages() {
        ApiClient api = api();
        ApiClient.User user = api.newUser();
        // a quarter turn in EXIF: the result has the upright size, height × width of the stored pixels
        byte[] rotated = TestImages.withExif(TestImages.uniqueCopy(TestImages.read(TestImages.MESSI)), 6, "2024:07:14 18:30:05", null, null);
        Mat stored = TestImages.decode(TestImages.read(TestImages.MESSI));
        String photoId = upload(api, rotated, "messi.jpg", user.token());

        JsonNode done = awaitFinished(api, start(api, photoId, "cartoon", Map.of(), user.token()).get("id").asString(), user.token());
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(done.get("error").isNull()).isTrue();
        assertThat(done.get("style").asString()).isEqualTo("cartoon");
        assertThat(done.get("params").get("colours")).as("defaults filled in").isNotNull();
        List<String> names = new ArrayList<>();
        for (JsonNode step : done.get("steps")) {
            names.add(step.get("name").asString());
            assertThat(step.get("ms").asLong()).as(step.toString()).isGreaterThanOrEqualTo(0);
            if (step.get("name").asString().equals("depth")) {
                assertThat(step.get("status").asString()).isEqualTo("skipped");
                assertThat(step.get("message").asString()).isEqualTo("skipped: no depth model");
            } else {
                assertThat(step.get("status").asString()).as(step.toString()).isEqualTo("done");
            }
        }
        assertThat(names).isEqualTo(STEPS);
        assertThat(done.get("result").get("width").asInt()).isEqualTo(stored.rows());
        assertThat(done.get("result").get("height").asInt()).isEqualTo(stored.cols());
        assertThat(done.get("expiresAt").isNull()).as("30 days by default").isFalse();
        assertThat(done.get("finishedAt").isNull()).isFalse();
        assertThat(done.get("jobId").asString()).isNotEmpty();

        String id = done.get("id").asString();
        var result = api.getBytes("/api/v1/transforms/" + id + "/result", user.token());
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat((long) result.body().length).isEqualTo(done.get("result").get("bytes").asLong());
        Mat image = TestImages.decode(result.body());
        assertThat(image.cols()).isEqualTo(stored.rows());
        assertThat(image.rows()).isEqualTo(stored.cols());
        String etag = result.header("ETag");
        assertThat(etag).isNotBlank();
        assertThat(api.getBytes("/api/v1/transforms/" + id + "/result", user.token(), "If-None-Match", etag).status()).isEqualTo(304);
        var part = api.getBytes("/api/v1/transforms/" + id + "/result", user.token(), "Range", "bytes=100-199");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(result.body(), 100, 200));
        assertThat(part.header("Content-Range")).isEqualTo("bytes 100-199/" + result.body().length);

        var thumbnail = api.getBytes("/api/v1/transforms/" + id + "/thumbnail", user.token());
        assertThat(thumbnail.status()).isEqualTo(200);
        assertThat(thumbnail.header("ETag")).isNotBlank().isNotEqualTo(etag);
        Mat small = TestImages.decode(thumbnail.body());
        assertThat(Math.max(small.cols(), small.rows())).isEqualTo(400);
        assertThat(api.getBytes("/api/v1/transforms/" + id + "/thumbnail", user.token(), "If-None-Match", thumbnail.header("ETag")).status())
                .isEqualTo(304);

        JsonNode listed = api.get("/api/v1/transforms?limit=1", user.token()).json();
        assertThat(listed.get("items").get(0).get("id").asString()).isEqualTo(id);
        assertThat(api.get("/api/v1/transforms?limit=0", user.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/transforms?cursor=nonsense", user.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/transforms/" + id + "/cancel", "", user.token()).status())
                .as("a completed transform is not cancelled").isEqualTo(409);

        ApiClient.User other = api.newUser();
        for (String path : List.of("", "/result", "/thumbnail")) {
            assertThat(api.get("/api/v1/transforms/" + id + path, other.token()).status()).as(path).isEqualTo(404);
        }
        assertThat(api.post("/api/v1/transforms/" + id + "/cancel", "", other.token()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/transforms/" + id + "/save", "", other.token()).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/transforms/" + id, other.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/transforms", other.token()).json().get("items")).isEmpty();
        assertThat(api.post("/api/v1/transforms", Map.of("photoId", photoId, "style", "cartoon"), other.token()).status())
                .as("another user's photo").isEqualTo(404);
        assertThat(api.get("/api/v1/transforms/" + id, user.token()).json().get("status").asString()).isEqualTo("completed");

        // a result object gone between the read of the row and the save (expired, deleted): 409, no photo
        String resultKey = "results/" + id + "/result.jpg";
        store.delete(resultKey);
        Response noObject = api.post("/api/v1/transforms/" + id + "/save", "", user.token());
        assertThat(noObject.status()).as(noObject.body()).isEqualTo(409);
        assertThat(api.get("/api/v1/photos", user.token()).json().get("items")).as("only the uploaded photo").hasSize(1);
        store.put(resultKey, new java.io.ByteArrayInputStream(result.body()), result.body().length, "image/jpeg");

        // save to the library: a new photo named after the original and the style; saving again gives the same photo
        Response saved = api.post("/api/v1/transforms/" + id + "/save", "", user.token());
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        String savedId = saved.json().get("photoId").asString();
        JsonNode photo = api.get("/api/v1/photos/" + savedId, user.token()).json();
        assertThat(photo.get("originalName").asString()).isEqualTo("messi-cartoon.jpg");
        assertThat(photo.get("sha256").asString()).isNotEqualTo(api.get("/api/v1/photos/" + photoId, user.token()).json().get("sha256").asString());
        Response again = api.post("/api/v1/transforms/" + id + "/save", "", user.token());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("photoId").asString()).isEqualTo(savedId);
        assertThat(api.get("/api/v1/transforms/" + id, user.token()).json().get("savedPhotoId").asString()).isEqualTo(savedId);

        // delete: the row, then its objects; the saved photo stays
        assertThat(objects(id)).hasSize(2);
        assertThat(api.delete("/api/v1/transforms/" + id, user.token()).status()).isEqualTo(204);
        assertThat(objects(id)).isEmpty();
        assertThat(api.get("/api/v1/transforms/" + id, user.token()).status()).isEqualTo(404);
        assertThat(api.getBytes("/api/v1/transforms/" + id + "/result", user.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/photos/" + savedId, user.token()).status()).isEqualTo(200);
    }

    @Test
    void stylesAreListedWithTheirParams() {
        ApiClient api = api();
        JsonNode items = api.get("/api/v1/transforms/styles", api.newUser().token()).json().get("items");
        List<String> ids = new ArrayList<>();
        for (JsonNode style : items) {
            ids.add(style.get("id").asString());
            assertThat(style.get("title").asString()).isNotBlank();
            assertThat(style.get("builtIn").asBoolean()).isTrue();
            for (JsonNode param : style.get("params")) {
                assertThat(param.get("name").asString()).isNotBlank();
                assertThat(param.get("type").asString()).isIn("number", "choice", "colour", "photo");
            }
        }
        assertThat(ids).contains("portrait-blur", "background", "watercolor", "pencil", "hdr", "cartoon", "color-match");
    }

    @Test
    void badRequestsNameWhatIsWrongAndKeepNothing() {
        ApiClient api = api();
        ApiClient.User user = api.newUser();
        String photoId = upload(api, TestImages.jpeg(320, 240, 71), "shapes.jpg", user.token());

        Response badStyle = api.post("/api/v1/transforms", Map.of("photoId", photoId, "style", "no-such-style"), user.token());
        assertThat(badStyle.status()).isEqualTo(400);
        assertThat(badStyle.contentType()).startsWith("application/problem+json");
        assertThat(badStyle.detail()).contains("no-such-style");
        assertThat(badStyle.json().has("param")).isFalse();

        Response outOfRange = api.post("/api/v1/transforms", Map.of("photoId", photoId, "style", "cartoon", "params", Map.of("colours", 1000)),
                user.token());
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(outOfRange.json().get("param").asString()).isEqualTo("colours");

        Response unknown = api.post("/api/v1/transforms", Map.of("photoId", photoId, "style", "cartoon", "params", Map.of("glitter", 3)),
                user.token());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("param").asString()).isEqualTo("glitter");

        String othersPhoto = upload(api, TestImages.jpeg(320, 240, 72), "theirs.jpg", api.newUser().token());
        Response reference = api.post("/api/v1/transforms", Map.of("photoId", photoId, "style", "color-match",
                "params", Map.of("photoId", othersPhoto)), user.token());
        assertThat(reference.status()).as(reference.body()).isEqualTo(400);
        assertThat(reference.json().get("param").asString()).isEqualTo("photoId");

        assertThat(api.post("/api/v1/transforms", Map.of("style", "cartoon"), user.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/transforms", Map.of("photoId", UUID.randomUUID().toString(), "style", "cartoon"), user.token()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/transforms", user.token()).json().get("items")).as("no row for a refused request").isEmpty();
    }

    @Test
    void aFailedValidationKeepsNothing() {
        ApiClient api = api();
        ApiClient.User user = api.newUser();
        // one flat grey: whatever the style makes of it is blank, which validation refuses
        byte[] grey = TestImages.encode(new Mat(300, 400, org.bytedeco.opencv.global.opencv_core.CV_8UC3, new Scalar(128, 128, 128, 0)), ".jpg");
        String photoId = upload(api, grey, "grey.jpg", user.token());
        JsonNode started = start(api, photoId, "hdr", Map.of(), user.token());
        String id = started.get("id").asString();
        JsonNode failed = awaitFinished(api, id, user.token());
        assertThat(failed.get("status").asString()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.get("error").asString()).contains("blank");
        assertThat(failed.get("result").isNull()).isTrue();
        assertThat(stepStatus(failed, "validate")).isEqualTo("failed");
        assertThat(objects(id)).isEmpty();
        assertThat(api.getBytes("/api/v1/transforms/" + id + "/result", user.token()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/transforms/" + id + "/save", "", user.token()).status()).isEqualTo(409);
        JsonNode job = api.get("/api/v1/jobs/" + started.get("jobId").asString(), user.token()).json();
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("attempts").asInt()).as("a refused result is not tried again").isEqualTo(1);
    }

    @Test
    void aQueuedTransformIsCancelledAtOnce() {
        ApiClient api = api();
        ApiClient.User user = api.newUser();
        String photoId = upload(api, TestImages.jpeg(320, 240, 73), "shapes.jpg", user.token());
        // the gpu queue has one worker in tests: a long job holds it while the transform waits
        UUID blocker = jobs.enqueue(TestJobHandlers.GPU_STEPS, user.id(), new TestJobHandlers.Steps(600, 100));
        try {
            ApiClient.await("the blocker runs", RUN, () -> jobs.find(user.id(), blocker).orElseThrow().status(), s -> s == JobStatus.RUNNING);
            JsonNode started = start(api, photoId, "cartoon", Map.of(), user.token());
            String id = started.get("id").asString();
            assertThat(api.get("/api/v1/transforms/" + id, user.token()).json().get("status").asString()).isEqualTo("queued");
            Response cancelled = api.post("/api/v1/transforms/" + id + "/cancel", "", user.token());
            assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
            assertThat(cancelled.json().get("status").asString()).isEqualTo("cancelled");
            assertThat(api.get("/api/v1/jobs/" + started.get("jobId").asString(), user.token()).json().get("status").asString()).isEqualTo("CANCELLED");
            assertThat(api.post("/api/v1/transforms/" + id + "/cancel", "", user.token()).status()).isEqualTo(409);
            assertThat(objects(id)).isEmpty();

            // a job that ended without its row saying so (its worker died on the last attempt): a list shows the row
            // failed without writing it; reading the one transform settles it
            JsonNode orphan = start(api, photoId, "cartoon", Map.of(), user.token());
            String orphanId = orphan.get("id").asString();
            jdbc.sql("update jobs set status = 'FAILED', finished_at = now() where id = :id")
                    .param("id", UUID.fromString(orphan.get("jobId").asString())).update();
            JsonNode listed = api.get("/api/v1/transforms?limit=1", user.token()).json().get("items").get(0);
            assertThat(listed.get("id").asString()).isEqualTo(orphanId);
            assertThat(listed.get("status").asString()).isEqualTo("failed");
            assertThat(storedStatus(orphanId)).as("a list does not write").isEqualTo("queued");
            assertThat(api.get("/api/v1/transforms/" + orphanId, user.token()).json().get("status").asString()).isEqualTo("failed");
            assertThat(storedStatus(orphanId)).as("reading it settles it").isEqualTo("failed");
        } finally {
            jobs.cancel(user.id(), blocker);
        }
    }

    @Test
    void cancelMidGenerateLeavesNoObjects() {
        ApiClient api = api();
        ApiClient.User user = api.newUser();
        String photoId = upload(api, TestImages.jpeg(640, 480, 74), "shapes.jpg", user.token());
        Set<String> jobSteps = ConcurrentHashMap.newKeySet();
        TestJobHandlers.HeldGenerate.arm();
        try (var subscription = events.subscribe(event -> record(event, jobSteps))) {
            // a generate step that waits inside until released: the cancel lands while it runs, its end is refused
            JsonNode started = start(api, photoId, "onnx:" + TestJobHandlers.HeldGenerate.MODEL, Map.of(), user.token());
            String id = started.get("id").asString();
            ApiClient.await("generate starts", RUN, TestJobHandlers.HeldGenerate::entered, entered -> entered);
            Response cancelled = api.post("/api/v1/transforms/" + id + "/cancel", "", user.token());
            assertThat(cancelled.status()).as("cancelled before it completed: " + cancelled.body()).isEqualTo(200);
            assertThat(cancelled.json().get("status").asString()).isEqualTo("cancelled");
            TestJobHandlers.HeldGenerate.release();
            String jobId = started.get("jobId").asString();
            ApiClient.await("the job stops", RUN, () -> api.get("/api/v1/jobs/" + jobId, user.token()).json().get("status").asString(),
                    s -> !s.equals("RUNNING") && !s.equals("QUEUED"));
            assertThat(api.get("/api/v1/jobs/" + jobId, user.token()).json().get("status").asString()).isEqualTo("CANCELLED");
            JsonNode row = api.get("/api/v1/transforms/" + id, user.token()).json();
            assertThat(row.get("status").asString()).isEqualTo("cancelled");
            assertThat(row.get("result").isNull()).isTrue();
            assertThat(stepStatus(row, "generate")).as("it was generating when cancelled: " + row).isEqualTo("cancelled");
            assertThat(stepStatus(row, "validate")).as("nothing ran after it").isEqualTo("(not reported)");
            ApiClient.await("the job's generate report arrives", RUN, () -> jobSteps, steps -> steps.contains(jobId + ":generate"));
            assertThat(objects(id)).isEmpty();
        } finally {
            TestJobHandlers.HeldGenerate.release();
        }
    }

    @Test
    void aPhotoThatCannotBeDecodedFailsAtOnce() {
        ApiClient api = api();
        ApiClient.User user = api.newUser();
        byte[] jpeg = TestImages.uniqueCopy(TestImages.jpeg(320, 240, 76));
        String photoId = upload(api, jpeg, "corrupt.jpg", user.token());
        // the stored original rots after the upload: not a JPEG any more
        String sha = api.get("/api/v1/photos/" + photoId, user.token()).json().get("sha256").asString();
        byte[] garbage = "not an image at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        store.put("originals/" + sha, new java.io.ByteArrayInputStream(garbage), garbage.length, "image/jpeg");
        JsonNode started = start(api, photoId, "cartoon", Map.of(), user.token());
        JsonNode failed = awaitFinished(api, started.get("id").asString(), user.token());
        assertThat(failed.get("status").asString()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.get("error").asString()).contains("cannot be decoded");
        assertThat(stepStatus(failed, "load")).isEqualTo("failed");
        JsonNode job = api.get("/api/v1/jobs/" + started.get("jobId").asString(), user.token()).json();
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("attempts").asInt()).as("the same bytes are not tried again").isEqualTo(1);
    }

    @Test
    void anOversizedStartBodyIsRefusedUnread() throws Exception {
        ApiClient api = api();
        ApiClient.User user = api.newUser();
        String photoId = upload(api, TestImages.jpeg(320, 240, 77), "shapes.jpg", user.token());
        String padding = "x".repeat(70 * 1024);
        Response declared = api.post("/api/v1/transforms", Map.of("photoId", photoId, "style", "cartoon", "params", Map.of("pad", padding)),
                user.token());
        assertThat(declared.status()).as(declared.body()).isEqualTo(413);
        assertThat(declared.contentType()).startsWith("application/problem+json");
        byte[] body = ("{\"photoId\": \"" + photoId + "\", \"style\": \"cartoon\", \"params\": {\"pad\": \"" + padding + "\"}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var streamed = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/v1/transforms"))
                        .header("Authorization", "Bearer " + user.token()).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).as("a body without a length is bounded as it is read").isEqualTo(413);
        assertThat(api.get("/api/v1/transforms", user.token()).json().get("items")).as("no row").isEmpty();
    }

    @Test
    void retentionRunIsForAdmins() {
        ApiClient api = api();
        assertThat(api.post("/api/v1/admin/retention/run", "", api.newUser().token()).status()).isEqualTo(403);
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        Response run = api.post("/api/v1/admin/retention/run", "", admin);
        assertThat(run.status()).isEqualTo(202);
        String jobId = run.json().get("jobId").asString();
        api.awaitJobSucceeded(jobId, admin, RUN);
        String result = jdbc.sql("select result::text from jobs where id = :id").param("id", UUID.fromString(jobId)).query(String.class).single();
        assertThat(result).contains("\"resultsExpired\"", "\"resultBytesFreed\"", "\"jobsDeleted\"");
    }

    private static void record(JobEvent event, Set<String> steps) {
        if (event.status() == JobStatus.RUNNING && event.step() != null) steps.add(event.id() + ":" + event.step());
    }

    private String storedStatus(String transformId) {
        return jdbc.sql("select status from transforms where id = :id").param("id", UUID.fromString(transformId)).query(String.class).single();
    }

    private List<ObjectStore.ListedObject> objects(String transformId) {
        return store.list("results/" + transformId + "/");
    }

    private static String stepStatus(JsonNode transform, String name) {
        for (JsonNode step : transform.get("steps")) if (step.get("name").asString().equals(name)) return step.get("status").asString();
        return "(not reported)";
    }

    private static String upload(ApiClient api, byte[] bytes, String name, String token) {
        Response response = api.upload(name, bytes, token);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private static JsonNode start(ApiClient api, String photoId, String style, Map<String, ?> params, String token) {
        Response response = api.post("/api/v1/transforms", Map.of("photoId", photoId, "style", style, "params", params), token);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.json().get("jobId").asString()).isNotEmpty();
        return response.json();
    }

    private static JsonNode awaitFinished(ApiClient api, String id, String token) {
        return ApiClient.await("transform " + id + " finishes", RUN, () -> api.get("/api/v1/transforms/" + id, token).json(),
                t -> Set.of("completed", "failed", "cancelled").contains(t.get("status").asString()));
    }
}

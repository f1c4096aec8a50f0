package dev.lightbox.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.ShapeImages;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipInputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Training a classifier on labelled photos through the API: bad forms and too few photos are refused with
 * nothing queued; three shape classes are learnt to ≥ 90% held-out accuracy (on the CPU, or CUDA when
 * present) through every lifecycle state, each training progress event carrying the epoch, loss and
 * accuracy; the version is in the registry (S3) and downloads; a cancelled run publishes nothing.
 */
class TrainingApiTest extends IntegrationTest {

    private static final int PER_CLASS = 30;

    @Autowired ObjectStore store;

    @Test
    void trainsAShapeClassifierAndCancelledRunsLeaveNothing() throws Exception {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        long seed = System.nanoTime();
        for (String shape : ShapeImages.SHAPES) {
            for (int i = 0; i < PER_CLASS; i++) {
                String id = api.upload(shape + i + ".jpg", ShapeImages.jpeg(shape, 96, seed++), token).json().get("id").asString();
                api.put("/api/v1/photos/" + id + "/labels", List.of(shape), token);
            }
        }
        String few = api.upload("odd.jpg", ShapeImages.jpeg("circle", 96, seed++), token).json().get("id").asString();
        api.put("/api/v1/photos/" + few + "/labels", List.of("odd"), token);

        var badEpochs = api.post("/api/v1/models", form("bad", List.of("circle", "square"), Map.of("epochs", 0)), token);
        assertThat(badEpochs.status()).isEqualTo(400);
        assertThat(badEpochs.detail()).startsWith("epochs:");
        var oneLabel = api.post("/api/v1/models", form("one", List.of("circle"), Map.of()), token);
        assertThat(oneLabel.detail()).startsWith("labels:");
        var tooFew = api.post("/api/v1/models", form("few", List.of("circle", "odd"), Map.of()), token);
        assertThat(tooFew.status()).isEqualTo(400);
        assertThat(tooFew.detail()).contains("“odd” has 1 photo(s)");
        assertThat(api.get("/api/v1/models", token).json().values()).as("nothing queued").isEmpty();

        var started = api.post("/api/v1/models", form("shapes", ShapeImages.SHAPES,
                Map.of("imageSize", 48, "epochs", 40, "validationSplit", 0.2)), token);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asString();
        List<String> stream = events(started.json().get("jobId").asString(), token); // ends when the job ends
        JsonNode model = await(api, token, id, "COMPLETED");
        assertThat(model.get("state").asString()).isEqualTo("COMPLETED");
        assertThat(model.get("device").asString()).matches("(CPU|CUDA).*");
        assertThat(model.get("metrics").get("accuracy").asDouble()).as(model.get("metrics").toString()).isGreaterThanOrEqualTo(0.9);
        // after the step's first event (no batch trained yet), every training event says how training goes
        var training = stream.stream().filter(l -> l.startsWith("data:") && l.contains("\"step\":\"TRAINING\"") && !l.contains("\"progress\":0.3,")).toList();
        assertThat(training).as("training progress events").isNotEmpty().allSatisfy(l -> assertThat(l).as("each carries the epoch, loss and accuracy")
                .containsPattern("Epoch \\d+ of 40 · loss \\d+\\.\\d+ · accuracy \\d+%"));
        assertThat(model.get("metrics").get("confusion").values()).hasSize(3);
        assertThat(model.get("metrics").get("perClass").get("circle").get("recall").asDouble()).isBetween(0.0, 1.0);
        assertThat(model.get("history").values()).hasSize(40);
        assertThat(model.get("samplesPerSecond").asDouble()).isPositive();
        assertThat(model.get("versions").values()).hasSize(1);

        var zip = api.getBytes("/api/v1/models/" + id + "/versions/1/download", token);
        assertThat(zip.status()).isEqualTo(200);
        var names = new HashSet<String>();
        try (var entries = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (var entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) names.add(entry.getName());
        }
        assertThat(names).contains("labels.json", "input.json", "metrics.json", "training.json").anyMatch(n -> n.endsWith(".params"));
        String other = api.login(api.signUpNewUser(), USER_PASSWORD);
        assertThat(api.get("/api/v1/models/" + id, other).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/models/" + id + "/activate", "", token).json().get("active").asBoolean()).isTrue();

        // the classify step: new uploads get the active model's labels; "apply to library" labels the rest
        int right = 0;
        for (String shape : ShapeImages.SHAPES) {
            String fresh = api.upload("new-" + shape + ".jpg", ShapeImages.jpeg(shape, 96, seed++), token).json().get("id").asString();
            JsonNode predicted = awaitPredicted(api, token, fresh);
            assertThat(predicted.values()).hasSize(3);
            assertThat(predicted.get(0).get("confidence").asDouble()).isGreaterThanOrEqualTo(predicted.get(1).get("confidence").asDouble());
            assertThat(predicted.values().stream().mapToDouble(p -> p.get("confidence").asDouble()).sum()).isCloseTo(1.0,
                    org.assertj.core.data.Offset.offset(0.01));
            if (predicted.get(0).get("label").asString().equals(shape)) right++;
        }
        assertThat(right).as("new photos labelled by the model").isGreaterThanOrEqualTo(2);
        var applied = api.post("/api/v1/models/" + id + "/apply", "", token);
        assertThat(applied.status()).isEqualTo(202);
        awaitJob(api, token, applied.json().get("jobId").asString());
        long circles = 0;
        for (JsonNode photo : api.get("/api/v1/photos?limit=500&predicted=circle", token).json().get("items").values()) {
            if (photo.get("originalName").asString().startsWith("circle")) circles++;
        }
        assertThat(circles).as("the library filtered by predicted label finds the circles").isGreaterThanOrEqualTo(PER_CLASS * 8 / 10);

        var long_ = api.post("/api/v1/models", form("long", ShapeImages.SHAPES, Map.of("imageSize", 48, "epochs", 200)), token).json();
        String longId = long_.get("id").asString();
        await(api, token, longId, "RUNNING", "TRAINING");
        assertThat(api.post("/api/v1/jobs/" + long_.get("jobId").asString() + "/cancel", "", token).status()).isEqualTo(202);
        JsonNode cancelled = await(api, token, longId, "CANCELLED");
        assertThat(cancelled.get("versions").values()).isEmpty();
        assertThat(store.list("models/" + longId + "/")).as("no half-published files").isEmpty();
        assertThat(store.list("models/" + id + "/")).isNotEmpty();
    }

    /** The job's server-sent event stream, read until the server ends it with the job. */
    private List<String> events(String jobId, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs/" + jobId + "/events"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(3)).build();
        try (var client = HttpClient.newHttpClient()) {
            HttpResponse<java.util.stream.Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body().toList();
        }
    }

    private static JsonNode awaitPredicted(ApiClient api, String token, String photoId) {
        var photo = new AtomicReference<JsonNode>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .alias("photo " + photoId + " classified").until(() -> {
                    photo.set(api.get("/api/v1/photos/" + photoId, token).json());
                    JsonNode labels = photo.get().get("analysis").get("attributes").get("labels");
                    return labels != null && !labels.isNull();
                });
        return photo.get().get("analysis").get("attributes").get("labels");
    }

    private static void awaitJob(ApiClient api, String token, String jobId) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).alias("job " + jobId + " succeeded")
                .until(() -> api.get("/api/v1/jobs/" + jobId, token).json().get("status").asString(), "SUCCEEDED"::equals);
    }

    private static Map<String, Object> form(String name, List<String> labels, Map<String, Object> extra) {
        var form = new java.util.HashMap<String, Object>(extra);
        form.put("name", name);
        form.put("labels", labels);
        return form;
    }

    private static JsonNode await(ApiClient api, String token, String id, String status, String... state) {
        var seen = new java.util.LinkedHashSet<String>();
        var last = new AtomicReference<JsonNode>();
        Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100))
                .alias("model " + id + " reaching " + status).until(() -> {
                    JsonNode model = api.get("/api/v1/models/" + id, token).json();
                    last.set(model);
                    seen.add(model.get("status").asString() + "/" + model.get("state").asString());
                    assertThat(model.get("status").asString()).as("model ended early: " + model.get("error") + "; seen " + seen).isNotIn(
                            List.of("FAILED", "CANCELLED", "COMPLETED").stream().filter(s -> !s.equals(status)).toList());
                    return model.get("status").asString().equals(status) && (state.length == 0 || model.get("state").asString().equals(state[0]));
                });
        return last.get();
    }
}

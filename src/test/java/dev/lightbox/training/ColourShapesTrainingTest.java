package dev.lightbox.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.ShapeImages;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Honest training on small, colour-varied data: three shapes in any foreground and background colour with
 * noise, 45 training photos per label (56 uploaded, the default 20% split holds 11 out), small-cnn at
 * 64 px for 50 epochs with the default batch size and rate reach ≥ 90% on the held-out photos and carry no warning; a model trained on labels
 * that say nothing about the photos is published with a warning in {@code warnings}.
 */
class ColourShapesTrainingTest extends IntegrationTest {

    private static final int PER_LABEL = 56;

    @Test
    void learnsShapesWhateverTheirColours() throws Exception {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        long seed = System.nanoTime();
        for (String shape : ShapeImages.SHAPES) {
            for (int i = 0; i < PER_LABEL; i++) {
                String id = api.upload(shape + i + ".jpg", ShapeImages.anyColours(shape, 96, seed++), token).json().get("id").asString();
                api.put("/api/v1/photos/" + id + "/labels", List.of(shape), token);
            }
        }
        var started = api.post("/api/v1/models", Map.of("name", "any colours", "labels", ShapeImages.SHAPES, "architecture", "small-cnn",
                "imageSize", 64, "epochs", 50), token);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asString();
        JsonNode model = awaitFinished(api, token, id);
        assertThat(model.get("status").asString()).as(model.get("error").toString()).isEqualTo("COMPLETED");
        JsonNode metrics = model.get("metrics");
        for (String shape : ShapeImages.SHAPES) assertThat(metrics.get("perClass").get(shape).get("support").asInt()).isEqualTo(11);
        assertThat(model.get("history").values()).hasSize(50);
        assertThat(metrics.get("accuracy").asDouble()).as("held-out accuracy; history " + model.get("history")).isGreaterThanOrEqualTo(0.9);
        assertThat(model.get("warnings").values()).isEmpty();

        var zip = api.getBytes("/api/v1/models/" + id + "/versions/1/download", token);
        String input = null;
        try (var entries = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (var entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (entry.getName().equals("input.json")) input = new String(entries.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        assertThat(input).as("the saved model says how its inputs are prepared").contains("standardised per image");
    }

    @Test
    void aModelOfMeaninglessLabelsIsPublishedWithAWarning() throws Exception {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        long seed = System.nanoTime();
        var coin = new Random(seed);
        int[] counts = new int[2];
        for (int i = 0; counts[0] < 30 || counts[1] < 30; i++) {
            int label = coin.nextInt(2);
            if (counts[label] == 30) label = 1 - label;
            counts[label]++;
            String shape = ShapeImages.SHAPES.get(coin.nextInt(3));
            String id = api.upload("noise" + i + ".jpg", ShapeImages.anyColours(shape, 64, seed++), token).json().get("id").asString();
            api.put("/api/v1/photos/" + id + "/labels", List.of(label == 0 ? "heads" : "tails"), token);
        }
        var started = api.post("/api/v1/models", Map.of("name", "coin flips", "labels", List.of("heads", "tails"), "imageSize", 32, "epochs", 10), token);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode model = awaitFinished(api, token, started.json().get("id").asString());
        assertThat(model.get("status").asString()).as(model.get("error").toString()).isEqualTo("COMPLETED");
        assertThat(model.get("versions").values()).as("published, not hidden").hasSize(1);
        assertThat(model.get("warnings").values()).as("accuracy " + model.get("metrics").get("accuracy")).anySatisfy(
                w -> assertThat(w.asString()).contains("not clearly above chance"));
        JsonNode listed = api.get("/api/v1/models", token).json().values().stream()
                .filter(m -> m.get("id").asString().equals(model.get("id").asString())).findFirst().orElseThrow();
        assertThat(listed.get("warnings").values()).isNotEmpty();
    }

    private static JsonNode awaitFinished(ApiClient api, String token, String id) {
        var last = new AtomicReference<JsonNode>();
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            last.set(api.get("/api/v1/models/" + id, token).json());
            return List.of("COMPLETED", "FAILED", "CANCELLED").contains(last.get().get("status").asString());
        });
        return last.get();
    }
}

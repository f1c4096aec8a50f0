package dev.lightbox.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.AppRunner;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.ShapeImages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A trained model outlives the app: after a restart it is listed, downloads, and the classify step loads it from the registry. */
class RegistryRestartTest {

    @Test
    void aRestartedAppKeepsTheRegistryAndUsesTheActiveModel() throws Exception {
        Path dataDir = IntegrationTest.newDataDir("registry-restart");
        String token;
        String modelId;
        try (var first = AppRunner.start(dataDir)) {
            ApiClient api = AppRunner.api(first);
            api.post("/api/v1/auth/signup", Map.of("email", "trainer@lightbox.test", "password", "copper-Falcon-riddle-46"));
            token = api.login("trainer@lightbox.test", "copper-Falcon-riddle-46");
            long seed = 500;
            for (String shape : List.of("circle", "square")) {
                for (int i = 0; i < 10; i++) {
                    String id = api.upload(shape + i + ".jpg", ShapeImages.jpeg(shape, 64, seed++), token).json().get("id").asString();
                    api.put("/api/v1/photos/" + id + "/labels", List.of(shape), token);
                }
            }
            modelId = api.post("/api/v1/models", Map.of("name", "kept", "labels", List.of("circle", "square"), "imageSize", 32, "epochs", 5),
                    token).json().get("id").asString();
            awaitStatus(api, token, modelId, "COMPLETED");
            api.post("/api/v1/models/" + modelId + "/activate", "", token);
        }
        try (var second = AppRunner.start(dataDir)) {
            ApiClient api = AppRunner.api(second);
            JsonNode model = api.get("/api/v1/models/" + modelId, token).json();
            assertThat(model.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(model.get("active").asBoolean()).isTrue();
            assertThat(model.get("versions").values()).hasSize(1);
            assertThat(api.getBytes("/api/v1/models/" + modelId + "/versions/1/download", token).status()).isEqualTo(200);
            String fresh = api.upload("new.jpg", ShapeImages.jpeg("square", 64, 9_999), token).json().get("id").asString();
            long deadline = System.currentTimeMillis() + 60_000;
            JsonNode labels = null;
            while (labels == null || labels.isNull()) {
                assertThat(System.currentTimeMillis()).as("the new photo was never classified").isLessThan(deadline);
                Thread.sleep(100);
                labels = api.get("/api/v1/photos/" + fresh, token).json().get("analysis").get("attributes").get("labels");
            }
            assertThat(labels.values()).extracting(l -> l.get("label").asString()).containsExactlyInAnyOrder("circle", "square");
        }
    }

    private static void awaitStatus(ApiClient api, String token, String id, String status) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!api.get("/api/v1/models/" + id, token).json().get("status").asString().equals(status)) {
            assertThat(System.currentTimeMillis()).as("model never " + status).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}

package dev.lightbox.scoring.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Changelog 019 on a library from before it: presets the user never changed get the new weights and
 * thresholds, a changed one is left alone, and the library is re-scored at startup under the new preset.
 */
class PresetUpgradeTest extends IntegrationTest {

    private static final Map<String, Double> OLD_BALANCED = Map.ofEntries(Map.entry("sharpness", 1.0), Map.entry("exposure", 0.8),
            Map.entry("brightness", 0.4), Map.entry("shadowClipping", 0.4), Map.entry("highlightClipping", 0.5), Map.entry("contrast", 0.4),
            Map.entry("colorfulness", 0.3), Map.entry("noise", 0.4), Map.entry("brisque", 0.5), Map.entry("thirds", 0.3), Map.entry("horizonTilt", 0.3));
    private static final Map<String, Double> OLD_LANDSCAPE = Map.of("horizonTilt", 1.0, "thirds", 0.8, "colorfulness", 0.6, "contrast", 0.5,
            "sharpness", 0.7, "highlightClipping", 0.5, "saturation", 0.3);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ScoringService scoring;

    @Test
    void untouchedPresetsGetTheNewThresholdsAndTheLibraryIsRescored() throws Exception {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        var blurred = new org.bytedeco.opencv.opencv_core.Mat();
        org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur(TestImages.decode(TestImages.read(TestImages.MESSI)), blurred,
                new org.bytedeco.opencv.opencv_core.Size(15, 15), 0);
        String id = api.upload("soft.jpg", TestImages.encode(blurred, ".jpg"), token).json().get("id").asString();
        ApiClient.await("scored", Duration.ofSeconds(30), () -> api.get("/api/v1/photos/" + id, token).json(), p -> !p.get("score").isNull());

        // the configs as they were before 019, written through the API: Balanced and Landscape as created, Landscape then changed
        String balanced = configId(api, token, "Balanced");
        String landscape = configId(api, token, "Landscape");
        var none = Map.of("exposureOk", false, "facesRequired", false);
        api.put("/api/v1/scoring-configs/" + balanced, Map.of("name", "Balanced", "weights", OLD_BALANCED, "thresholds", none), token).json();
        var mine = new java.util.HashMap<>(OLD_LANDSCAPE);
        mine.put("thirds", 0.2);
        api.put("/api/v1/scoring-configs/" + landscape, Map.of("name", "Landscape", "weights", mine, "thresholds", none), token).json();
        scoring.rescoreLibrary(owner(id));
        JsonNode before = ApiClient.await("old Balanced passes the blurred photo", Duration.ofSeconds(30),
                () -> api.get("/api/v1/photos/" + id, token).json(), p -> p.get("passed").asBoolean());

        for (String statement : changeset()) jdbc.sql(statement).update();
        assertThat(api.get("/api/v1/scoring-configs/" + balanced, token).json().get("thresholds").get("minSharpness").asDouble()).isEqualTo(0.1);
        assertThat(api.get("/api/v1/scoring-configs/" + balanced, token).json().get("weights").get("brisque").asDouble()).isEqualTo(0.8);
        JsonNode changed = api.get("/api/v1/scoring-configs/" + landscape, token).json();
        assertThat(changed.get("weights").get("thirds").asDouble()).as("a preset the user changed is theirs").isEqualTo(0.2);
        assertThat(changed.get("thresholds").get("minSharpness").isNull()).isTrue();

        scoring.rescoreLibrariesWithoutScores(); // what startup does
        JsonNode after = ApiClient.await("re-scored under the new Balanced", Duration.ofSeconds(30),
                () -> api.get("/api/v1/photos/" + id, token).json(), p -> !p.get("passed").asBoolean());
        assertThat(after.get("failures").get(0).asString()).contains("below the minimum 0.10");
        UUID owner = owner(id);
        Boolean stored = jdbc.sql("select passed from photo_scores where photo_id = :id").param("id", UUID.fromString(id)).query(Boolean.class).single();
        assertThat(stored).as("the stored score (what the timeline filters on) is re-computed too, for " + owner).isFalse();
        assertThat(before.get("score").asDouble()).isGreaterThan(after.get("score").asDouble());
    }

    private static String configId(ApiClient api, String token, String name) {
        return api.get("/api/v1/scoring-configs", token).json().values().stream().filter(c -> c.get("name").asString().equals(name))
                .findFirst().orElseThrow().get("id").asString();
    }

    private UUID owner(String photoId) {
        return jdbc.sql("select owner_id from photos where id = :id").param("id", UUID.fromString(photoId)).query(UUID.class).single();
    }

    /** The statements of changelog 019 as Liquibase runs them (split at the semicolons ending a line). */
    private static String[] changeset() throws Exception {
        String sql = Files.readString(Path.of("src/main/resources/db/changelog/changes/019-preset-thresholds.sql"));
        String body = Arrays.stream(sql.split("\n")).filter(line -> !line.startsWith("--")).reduce("", (a, b) -> a + b + "\n");
        return Arrays.stream(body.split(";\n")).map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}

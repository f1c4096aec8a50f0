package dev.lightbox.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ScoringApiTest extends IntegrationTest {

    @Test
    void configsStartWithThePresetsAndCanBeMadeChangedActivatedAndDeleted() {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        var presets = api.get("/api/v1/scoring-configs", token).json();
        assertThat(presets.values()).extracting(c -> c.get("name").asString()).containsExactly("Balanced", "Portrait", "Landscape", "Technical");
        assertThat(presets.values()).filteredOn(c -> c.get("active").asBoolean()).extracting(c -> c.get("name").asString()).containsExactly("Balanced");

        var created = api.post("/api/v1/scoring-configs", Map.of("name", "Crisp", "weights", Map.of("sharpness", 1.0, "noise", 0.5),
                "thresholds", Map.of("minSharpness", 0.4, "exposureOk", true, "facesRequired", false)), token);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("weights").get("sharpness").asDouble()).isEqualTo(1.0);

        assertThat(api.post("/api/v1/scoring-configs", Map.of("name", "crisp", "weights", Map.of("sharpness", 1.0)), token).status()).isEqualTo(409);
        var bad = api.post("/api/v1/scoring-configs", Map.of("name", "Bad", "weights", Map.of("sharpness", 2.0)), token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.detail()).startsWith("weights.sharpness:");
        assertThat(api.post("/api/v1/scoring-configs", Map.of("name", "Empty", "weights", Map.of()), token).detail()).startsWith("weights:");

        var activated = api.post("/api/v1/scoring-configs/" + id + "/activate", "", token).json();
        assertThat(activated.get("active").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/scoring-configs", token).json().values()).filteredOn(c -> c.get("active").asBoolean()).hasSize(1);

        String other = api.login(api.signUpNewUser(), USER_PASSWORD);
        assertThat(api.get("/api/v1/scoring-configs/" + id, other).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/scoring-configs/" + id, other).status()).isEqualTo(404);

        assertThat(api.delete("/api/v1/scoring-configs/" + id, token).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/scoring-configs", token).json().values()).filteredOn(c -> c.get("active").asBoolean())
                .extracting(c -> c.get("name").asString()).containsExactly("Balanced");
    }

    @Test
    void aPhotoCarriesItsScoreExplanationAndAdviceAndRescoringDoesNotAnalyseAgain() throws Exception {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        String id = api.upload("portrait.jpg", TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER)), token).json().get("id").asString();
        JsonNode photo = api.get("/api/v1/photos/" + id, token).json();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"done".equals(photo.get("analysis").get("status").asString())) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(100);
            photo = api.get("/api/v1/photos/" + id, token).json();
        }
        double balanced = photo.get("score").asDouble();
        assertThat(balanced).isBetween(0.0, 100.0);
        assertThat(photo.get("scoringConfig").asString()).isEqualTo("Balanced");
        assertThat(photo.get("explanation").values()).isNotEmpty();
        assertThat(photo.get("explanation").get(0).asString()).startsWith("Sharpness");
        assertThat(photo.has("advice")).isTrue();

        String portrait = api.get("/api/v1/scoring-configs", token).json().values().stream()
                .filter(c -> c.get("name").asString().equals("Portrait")).findFirst().orElseThrow().get("id").asString();
        long analysesBefore = analysisRuns();
        api.post("/api/v1/scoring-configs/" + portrait + "/activate", "", token);
        JsonNode rescored = api.get("/api/v1/photos/" + id, token).json();
        assertThat(rescored.get("scoringConfig").asString()).isEqualTo("Portrait");
        assertThat(rescored.get("passed").asBoolean()).as("a face was found: " + rescored.get("failures")).isTrue();
        assertThat(rescored.get("score").asDouble()).isNotEqualTo(balanced);
        assertThat(analysisRuns()).as("re-scoring does not run the analyzer").isEqualTo(analysesBefore);
        assertThat(List.of(rescored.get("explanation").get(0).asString())).allMatch(line -> line.contains("face"));
    }

    private static long analysisRuns() throws Exception {
        var field = Class.forName("dev.lightbox.analysis.service.AnalysisJob").getDeclaredField("RUNS");
        field.setAccessible(true);
        return ((java.util.concurrent.atomic.AtomicLong) field.get(null)).get();
    }
}

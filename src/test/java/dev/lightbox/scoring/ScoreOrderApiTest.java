package dev.lightbox.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.ScoredPhotos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/photos?sort=score}: stored scores, keyset cursor, filters, re-scored when the active config changes. */
class ScoreOrderApiTest extends IntegrationTest {

    @Test
    void theLibraryListsByScoreWithACursorAndFiltersAndFollowsTheActiveConfig() throws Exception {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        var ids = ScoredPhotos.upload(api, token);
        var scores = new LinkedHashMap<String, Double>();
        for (var entry : ids.entrySet()) scores.put(entry.getKey(), ScoredPhotos.awaitScore(api, token, entry.getValue()));
        assertThat(scores.get("blurred.jpg")).isLessThan(scores.get("messi.jpg"));

        List<JsonNode> best = awaitListMatching(api, token, "sort=score", scores);
        assertThat(best).extracting(p -> p.get("score").asDouble()).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(best).extracting(p -> p.get("originalName").asString()).first().isEqualTo(highest(scores));
        List<JsonNode> worst = all(api, token, "sort=score-asc");
        assertThat(worst).extracting(p -> p.get("id").asString())
                .containsExactlyElementsOf(best.reversed().stream().map(p -> p.get("id").asString()).toList());

        double cut = scores.get("messi.jpg");
        List<JsonNode> atLeast = all(api, token, "sort=score&minScore=" + cut);
        assertThat(atLeast).allMatch(p -> p.get("score").asDouble() >= cut)
                .hasSize((int) scores.values().stream().filter(s -> s >= cut).count());
        List<JsonNode> byDate = all(api, token, "sort=date&maxScore=" + cut);
        assertThat(byDate).allMatch(p -> p.get("score").asDouble() <= cut)
                .hasSize((int) scores.values().stream().filter(s -> s <= cut).count());

        assertThat(api.get("/api/v1/photos?sort=sideways", token).detail()).startsWith("sort:");
        assertThat(api.get("/api/v1/photos?sort=score&minScore=120", token).detail()).startsWith("minScore:");
        String dateCursor = api.get("/api/v1/photos?limit=1", token).json().get("nextCursor").asString();
        assertThat(api.get("/api/v1/photos?sort=score&cursor=" + dateCursor, token).status()).isEqualTo(400);

        // a config that only wants faces, failing photos without one: the order and the pass marks follow it
        var faces = api.post("/api/v1/scoring-configs", Map.of("name", "Faces only", "weights", Map.of("faces", 1.0),
                "thresholds", Map.of("facesRequired", true)), token).json().get("id").asString();
        api.post("/api/v1/scoring-configs/" + faces + "/activate", "", token);
        var rescored = new LinkedHashMap<String, Double>();
        for (var entry : ids.entrySet()) rescored.put(entry.getKey(), ScoredPhotos.awaitScore(api, token, entry.getValue()));
        List<JsonNode> faceFirst = awaitListMatching(api, token, "sort=score", rescored);
        assertThat(faceFirst.getFirst().get("score").asDouble()).isEqualTo(100.0);
        List<JsonNode> failing = all(api, token, "passed=false");
        assertThat(failing).extracting(p -> p.get("originalName").asString()).contains("fruits.jpg").doesNotContain("hopper.jpg");
    }

    private static String highest(Map<String, Double> scores) {
        return scores.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** Every page of a listing, two at a time, following the cursor. */
    private static List<JsonNode> all(ApiClient api, String token, String query) {
        var items = new ArrayList<JsonNode>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/photos?limit=2&" + query + (cursor == null ? "" : "&cursor=" + cursor), token).json();
            items.addAll(page.get("items").values());
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        return items;
    }

    /** The stored order catches up with the live scores once the re-scoring job has run. */
    private static List<JsonNode> awaitListMatching(ApiClient api, String token, String query, Map<String, Double> scores) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            List<JsonNode> items = all(api, token, query);
            boolean matches = items.size() == scores.size()
                    && items.stream().allMatch(p -> scores.get(p.get("originalName").asString()) == p.get("score").asDouble());
            if (matches) return items;
            assertThat(System.currentTimeMillis()).as("listing " + query + " never matched " + scores).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}

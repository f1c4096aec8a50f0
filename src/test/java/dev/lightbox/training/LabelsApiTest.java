package dev.lightbox.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Labels and ratings over REST: validation naming the problem, scoping, counts, the timeline filtered by label with its cursor. */
class LabelsApiTest extends IntegrationTest {

    @Test
    void labelsAreValidatedCountedAndFilterTheLibrary() {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        var ids = new ArrayList<String>();
        for (int i = 0; i < 5; i++) ids.add(api.upload("p" + i + ".jpg", TestImages.jpeg(320, 240, 9000 + i), token).json().get("id").asString());

        var set = api.put("/api/v1/photos/" + ids.get(0) + "/labels", List.of("Cat", " cat ", "garden path"), token);
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("labels").values()).extracting(JsonNode::asString).containsExactly("cat", "garden path");
        for (int i = 1; i < 4; i++) api.put("/api/v1/photos/" + ids.get(i) + "/labels", List.of("cat"), token);
        api.put("/api/v1/photos/" + ids.get(4) + "/labels", List.of("dog"), token);

        var bad = api.put("/api/v1/photos/" + ids.get(0) + "/labels", List.of("<script>"), token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.detail()).startsWith("labels:");
        assertThat(api.put("/api/v1/photos/" + ids.get(0) + "/labels", "{\"not\": \"a list\"}", token).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/photos/" + ids.get(0), token).json().get("labels").values()).extracting(JsonNode::asString)
                .as("a refused change leaves the labels as they were").containsExactly("cat", "garden path");

        String other = api.login(api.signUpNewUser(), USER_PASSWORD);
        assertThat(api.put("/api/v1/photos/" + ids.get(0) + "/labels", List.of("mine"), other).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/labels", other).json().values()).isEmpty();

        var counts = api.get("/api/v1/labels", token).json();
        assertThat(counts.values()).extracting(c -> c.get("label").asString() + "=" + c.get("photos").asLong())
                .containsExactly("cat=4", "dog=1", "garden path=1");

        List<String> cats = all(api, token, "label=cat");
        assertThat(cats).containsExactlyInAnyOrderElementsOf(ids.subList(0, 4));
        assertThat(all(api, token, "label=Garden%20Path")).containsExactly(ids.get(0));
        assertThat(api.get("/api/v1/photos?label=cat&sort=score", token).detail()).startsWith("label:");
    }

    @Test
    void ratingsAreOneToFiveStarsAndCanBeCleared() {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        String id = api.upload("r.jpg", TestImages.jpeg(320, 240, 9100), token).json().get("id").asString();
        assertThat(api.get("/api/v1/photos/" + id, token).json().get("rating").isNull()).isTrue();
        assertThat(api.put("/api/v1/photos/" + id + "/rating", Map.of("stars", 4), token).json().get("stars").asInt()).isEqualTo(4);
        assertThat(api.get("/api/v1/photos/" + id, token).json().get("rating").asInt()).isEqualTo(4);
        var bad = api.put("/api/v1/photos/" + id + "/rating", Map.of("stars", 6), token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.detail()).startsWith("stars:");
        assertThat(api.get("/api/v1/photos/" + id, token).json().get("rating").asInt()).isEqualTo(4);
        String other = api.login(api.signUpNewUser(), USER_PASSWORD);
        assertThat(api.put("/api/v1/photos/" + id + "/rating", Map.of("stars", 1), other).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/photos/" + id + "/rating", token).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/photos/" + id, token).json().get("rating").isNull()).isTrue();
    }

    private static List<String> all(ApiClient api, String token, String query) {
        var items = new ArrayList<String>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/photos?limit=2&" + query + (cursor == null ? "" : "&cursor=" + cursor), token).json();
            page.get("items").values().forEach(p -> items.add(p.get("id").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        return items;
    }
}

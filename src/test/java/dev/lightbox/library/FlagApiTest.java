package dev.lightbox.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.ScoredPhotos;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.lightbox.library.service.PhotoFlag;
import dev.lightbox.library.service.PhotoService;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** {@code PUT /api/v1/photos/{id}/flag} and the {@code flag} list filter, alone and with score and label filters. */
class FlagApiTest extends IntegrationTest {

    @Autowired
    PhotoService photoService;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void photosArePickedRejectedAndClearedAndListsFilterByFlag() throws Exception {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        Map<String, String> ids = ScoredPhotos.upload(api, token);
        String messi = ids.get("messi.jpg");
        String blurred = ids.get("blurred.jpg");
        String fruits = ids.get("fruits.jpg");

        assertThat(api.get("/api/v1/photos/" + messi, token).json().get("flag").asString()).isEqualTo("none");
        var picked = api.put("/api/v1/photos/" + messi + "/flag", Map.of("flag", "picked"), token);
        assertThat(picked.status()).isEqualTo(200);
        assertThat(picked.json().get("flag").asString()).isEqualTo("picked");
        api.put("/api/v1/photos/" + fruits + "/flag", Map.of("flag", "Picked"), token);
        api.put("/api/v1/photos/" + blurred + "/flag", Map.of("flag", "rejected"), token);
        assertThat(api.get("/api/v1/photos/" + blurred, token).json().get("flag").asString()).isEqualTo("rejected");

        assertThat(names(api, token, "flag=picked")).containsExactlyInAnyOrder("messi.jpg", "fruits.jpg");
        assertThat(names(api, token, "flag=rejected")).containsExactly("blurred.jpg");
        assertThat(names(api, token, "flag=none")).containsExactlyInAnyOrder("dark.jpg", "hopper.jpg");
        UUID owner = jdbc.queryForObject("select owner_id from photos where id = ?", UUID.class, UUID.fromString(messi));
        assertThat(photoService.countFlagged(owner, PhotoFlag.NONE)).as("the timeline's count of unflagged photos").isEqualTo(2);
        assertThat(photoService.countFlagged(owner, PhotoFlag.PICKED)).isEqualTo(2);
        assertThat(names(api, token, "flag=picked&limit=1")).hasSize(2); // paged one at a time with the cursor
        // with a score order: the picked photos, best first
        List<JsonNode> best = list(api, token, "flag=picked&sort=score");
        assertThat(best).extracting(p -> p.get("originalName").asString()).containsExactlyInAnyOrder("messi.jpg", "fruits.jpg");
        assertThat(best.getFirst().get("score").asDouble()).isGreaterThanOrEqualTo(best.getLast().get("score").asDouble());
        // with a label
        api.put("/api/v1/photos/" + messi + "/labels", List.of("keeper"), token);
        api.put("/api/v1/photos/" + blurred + "/labels", List.of("keeper"), token);
        assertThat(names(api, token, "label=keeper&flag=rejected")).containsExactly("blurred.jpg");

        // cleared by "none" or null
        api.put("/api/v1/photos/" + fruits + "/flag", Map.of("flag", "none"), token);
        var cleared = new HashMap<String, Object>();
        cleared.put("flag", null);
        assertThat(api.put("/api/v1/photos/" + messi + "/flag", cleared, token).json().get("flag").asString()).isEqualTo("none");
        assertThat(names(api, token, "flag=picked")).isEmpty();

        // hostile and foreign requests
        var bad = api.put("/api/v1/photos/" + messi + "/flag", Map.of("flag", "maybe"), token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.detail()).startsWith("flag:");
        assertThat(api.get("/api/v1/photos?flag=maybe", token).status()).isEqualTo(400);
        String stranger = api.login(api.signUpNewUser(), USER_PASSWORD);
        assertThat(api.put("/api/v1/photos/" + blurred + "/flag", Map.of("flag", "picked"), stranger).status()).isEqualTo(404);
        assertThat(names(api, stranger, "flag=rejected")).isEmpty();
        assertThat(api.get("/api/v1/photos/" + blurred, token).json().get("flag").asString()).isEqualTo("rejected");
    }

    private static List<String> names(ApiClient api, String token, String query) {
        return list(api, token, query).stream().map(p -> p.get("originalName").asString()).toList();
    }

    private static List<JsonNode> list(ApiClient api, String token, String query) {
        var all = new ArrayList<JsonNode>();
        String cursor = null;
        do {
            var page = api.get("/api/v1/photos?" + query + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(all::add);
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null);
        return all;
    }
}

package dev.lightbox.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.ScoredPhotos;
import dev.lightbox.support.TestImages;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/profile}: computed over the analysed library, cached until the library changes. */
class ProfileApiTest extends IntegrationTest {

    @Test
    void theProfileDescribesTheLibraryAndIsRecomputedWhenItChanges() throws Exception {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        var empty = api.get("/api/v1/profile", token);
        assertThat(empty.status()).isEqualTo(404);
        assertThat(empty.detail()).contains("no analysed photos");

        ScoredPhotos.upload(api, token);
        JsonNode profile = awaitProfileOf(api, token, 5);
        assertThat(profile.get("config").asString()).isEqualTo("Balanced");
        int[] histogram = StreamSupport.stream(profile.get("scores").get("histogram").spliterator(), false).mapToInt(JsonNode::asInt).toArray();
        assertThat(histogram).hasSize(10);
        assertThat(java.util.Arrays.stream(histogram).sum()).isEqualTo(5);
        JsonNode exposure = profile.get("exposure");
        assertThat(exposure.get("underShare").asDouble() + exposure.get("okShare").asDouble() + exposure.get("overShare").asDouble())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(exposure.get("underShare").asDouble()).as("the darkened copy").isGreaterThanOrEqualTo(0.2);
        assertThat(profile.get("subjects").get("withFacesShare").asDouble()).as("Grace Hopper and the Messi photos, not the fruits").isBetween(0.4, 0.8);
        assertThat(profile.get("suggestions").values()).hasSizeBetween(3, 5);
        assertThat(profile.get("suggestions").values()).anyMatch(s -> s.asString().contains("underexposed"));
        assertThat(profile.get("topTraits").values()).isNotEmpty();
        assertThat(profile.get("topTraits").get(0).asString()).startsWith("Your best photos are");

        String computedAt = profile.get("computedAt").asString();
        assertThat(api.get("/api/v1/profile", token).json().get("computedAt").asString()).as("cached").isEqualTo(computedAt);

        api.upload("ice.jpg", TestImages.uniqueCopy(TestImages.read(TestImages.ICE_BLOCK)), token);
        JsonNode grown = awaitProfileOf(api, token, 6);
        assertThat(grown.get("computedAt").asString()).isNotEqualTo(computedAt);
    }

    private static JsonNode awaitProfileOf(dev.lightbox.support.ApiClient api, String token, int photos) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            var response = api.get("/api/v1/profile", token);
            if (response.status() == 200 && response.json().get("photos").asInt() == photos) return response.json();
            assertThat(System.currentTimeMillis()).as("profile of " + photos + " photos: " + response.body()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}

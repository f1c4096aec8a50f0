package dev.lightbox.vision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Without LIGHTBOX_VISION_URL nothing is sent anywhere: describe answers 409 and says why; another user's photo is 404. */
class VisionOffTest extends IntegrationTest {

    @Test
    void describeWithoutAProviderIsAConflictThatSaysWhy() {
        var user = api().newUser();
        var upload = api().upload("p.jpg", TestImages.jpeg(300, 200, 77_001), user.token());
        String id = upload.json().get("id").asString();
        var response = api().post("/api/v1/photos/" + id + "/describe", "", user.token());
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.detail()).startsWith("No vision provider is configured");
        assertThat(api().post("/api/v1/photos/" + UUID.randomUUID() + "/describe", "", user.token()).status()).isEqualTo(409);
    }
}

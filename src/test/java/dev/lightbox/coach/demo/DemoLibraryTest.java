package dev.lightbox.coach.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * The demo library's seeding on the shared context, the same call the startup listener makes, at a reduced size so the
 * shared context's job queues stay light ({@link DemoPlanTest} checks the full plan; DemoIT runs the full seeding).
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoLibraryTest extends IntegrationTest {

    /** Enough for two labels with 10 photos each (the training minimum), over 12 months. */
    private static final DemoLibrary.Size SIZE = new DemoLibrary.Size(48, 12);
    private static final Pattern LINE = Pattern.compile("(?m)^.*Demo account: demo@lightbox\\.local / ([A-Za-z0-9_-]{16,})$");
    private static final Pattern ANY_LINE = Pattern.compile("Demo account:");

    @Autowired
    DemoLibrary demo;

    @Test
    void seedsTheDemoAccountOnceThroughTheModulesServices(CapturedOutput output) {
        assertThat(demo.seed(SIZE)).as("the first call creates the account").isTrue();

        List<String> passwords = LINE.matcher(output.getAll()).results().map(m -> m.group(1)).toList();
        assertThat(passwords).as("exactly one log line with the password").hasSize(1);
        assertThat(ANY_LINE.matcher(output.getAll()).results().count()).isEqualTo(1);
        String password = passwords.getFirst();
        assertThat(output.getAll().split(Pattern.quote(password), -1)).as("the password appears once in the log").hasSize(2);

        ApiClient api = api();
        String token = api.login(DemoLibrary.EMAIL, password);
        assertThat(api.get("/api/v1/admin/users", token).status()).as("a plain user, not an admin").isEqualTo(403);

        List<JsonNode> photos = photos(api, token);
        assertThat(photos).hasSizeGreaterThanOrEqualTo(SIZE.photos());
        Set<String> months = new HashSet<>();
        Set<String> cameras = new HashSet<>();
        for (JsonNode photo : photos) {
            months.add(photo.get("takenAt").asString().substring(0, 7));
            if (!photo.path("camera").path("model").isNull()) cameras.add(photo.path("camera").path("model").asString());
        }
        assertThat(months).as("capture months").hasSizeGreaterThanOrEqualTo(10);
        assertThat(cameras).as("camera models").contains("X-T30", "Canon EOS R6", "Pixel 7");

        JsonNode labels = api.get("/api/v1/labels", token).json();
        assertThat(labels.values().stream().filter(l -> l.get("photos").asLong() >= 10).count()).as(labels.toString()).isGreaterThanOrEqualTo(2);
        assertThat(api.get("/api/v1/taste", token).json().get("ratings").asLong()).isGreaterThanOrEqualTo(20);
        assertThat(api.get("/api/v1/scoring-configs", token).json().values().stream().map(c -> c.get("name").asString()))
                .contains("Colour and light");
        JsonNode checkins = api.get("/api/v1/skin/checkins?limit=200", token).json().get("items");
        assertThat(checkins.size()).isEqualTo(SIZE.checkins());
        JsonNode models = api.get("/api/v1/models", token).json();
        assertThat(models.size()).as(models.toString()).isEqualTo(1);
        assertThat(models.get(0).get("jobId").isNull()).as("a training job was queued").isFalse();

        assertThat(demo.seed(SIZE)).as("a second call does nothing").isFalse();
        assertThat(ANY_LINE.matcher(output.getAll()).results().count()).isEqualTo(1);
        assertThat(photos(api, token)).hasSameSizeAs(photos);
        assertThat(api.get("/api/v1/skin/checkins?limit=200", token).json().get("items").size()).isEqualTo(SIZE.checkins());

        // the shared context goes on with other tests (some compare the whole bucket before and after): the demo's
        // training is cancelled and its renditions, analysis and skin jobs end here
        api.post("/api/v1/jobs/" + models.get(0).get("jobId").asString() + "/cancel", Map.of(), token);
        await().atMost(Duration.ofMinutes(3)).until(() -> active(api, token, "QUEUED") + active(api, token, "RUNNING") == 0);
    }

    private static int active(ApiClient api, String token, String status) {
        return api.get("/api/v1/jobs?limit=1&status=" + status, token).json().get("items").size();
    }

    private static List<JsonNode> photos(ApiClient api, String token) {
        var all = new java.util.ArrayList<JsonNode>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/photos?limit=200" + (cursor == null ? "" : "&cursor=" + cursor), token).json();
            page.get("items").values().forEach(all::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        return all;
    }
}

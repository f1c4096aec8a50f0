package dev.lightbox.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/admin/overview: its numbers move with what the API does, and match what the API serves. */
class OverviewTest extends IntegrationTest {

    @Autowired JdbcTemplate jdbc;

    @Test
    void anUploadCountsAsOnePhotoWithItsOriginalAndRenditions() {
        var api = api();
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        JsonNode before = api.get("/api/v1/admin/overview", admin).json();
        var user = api.newUser();
        JsonNode afterSignUp = api.get("/api/v1/admin/overview", admin).json();
        assertThat(afterSignUp.get("users").get("total").asLong()).isEqualTo(before.get("users").get("total").asLong() + 1);
        assertThat(afterSignUp.get("users").get("admins").asLong()).isEqualTo(before.get("users").get("admins").asLong());

        byte[] jpeg = TestImages.jpeg(900, 600, System.nanoTime());
        var uploaded = api.upload("overview.jpg", jpeg, user.token());
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        String id = uploaded.json().get("id").asString();
        // the renditions are stored before their job's row turns SUCCEEDED: wait for both
        JsonNode after = ApiClient.await("the renditions and their job are counted", Duration.ofSeconds(60), () -> api.get("/api/v1/admin/overview", admin).json(),
                overview -> storage(overview, "renditions").get("objects").asLong() == storage(before, "renditions").get("objects").asLong() + 2
                        && overview.get("jobs24h").get("SUCCEEDED").asLong() > before.get("jobs24h").get("SUCCEEDED").asLong());
        byte[] thumbnail = api.getBytes("/api/v1/photos/" + id + "/thumbnail", user.token()).body();
        byte[] preview = api.getBytes("/api/v1/photos/" + id + "/preview", user.token()).body();

        assertThat(after.get("photos").asLong()).isEqualTo(before.get("photos").asLong() + 1);
        assertThat(delta(before, after, "originals", "objects")).isEqualTo(1);
        assertThat(delta(before, after, "originals", "bytes")).isEqualTo(jpeg.length);
        assertThat(delta(before, after, "renditions", "bytes")).isEqualTo(thumbnail.length + preview.length);
        assertThat(after.get("storage").valueStream().map(kind -> kind.get("kind").asString()).toList())
                .startsWith("originals", "renditions", "results", "models");
        // the same counts straight from the rows the API wrote
        assertThat(after.get("photos").asLong()).isEqualTo(jdbc.queryForObject("select count(*) from photos", Long.class));
        assertThat(after.get("users").get("total").asLong()).isEqualTo(jdbc.queryForObject("select count(*) from users", Long.class));

        assertThat(after.get("jobs24h").propertyNames()).containsExactlyInAnyOrder("QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED");
        assertThat(after.get("jobs24h").get("SUCCEEDED").asLong()).isGreaterThan(before.get("jobs24h").get("SUCCEEDED").asLong());
        assertThat(after.get("queues").valueStream().map(queue -> queue.get("queue").asString()).toList()).isEqualTo(List.of("cpu", "gpu"));
        assertThat(after.get("health").get("database").asString()).isEqualTo("UP");
        assertThat(after.get("health").get("storage").asString()).isEqualTo("UP");
        assertThat(after.get("version").asString()).isNotBlank();
        Instant started = Instant.parse(after.get("startedAt").asString());
        assertThat(started).isBefore(Instant.now());
        assertThat(after.get("uptimeSeconds").asLong()).isBetween(0L, Duration.between(started, Instant.now()).toSeconds() + 1);
    }

    @Test
    void onlyAdminsSeeTheOverview() {
        var api = api();
        assertThat(api.get("/api/v1/admin/overview", api.newUser().token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/overview", null).status()).isEqualTo(401);
    }

    private static JsonNode storage(JsonNode overview, String kind) {
        for (JsonNode entry : overview.get("storage")) if (entry.get("kind").asString().equals(kind)) return entry;
        throw new AssertionError("no storage kind " + kind + " in " + overview);
    }

    private static long delta(JsonNode before, JsonNode after, String kind, String field) {
        return storage(after, kind).get(field).asLong() - storage(before, kind).get(field).asLong();
    }
}

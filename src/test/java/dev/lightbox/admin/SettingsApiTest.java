package dev.lightbox.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.IntegrationTest;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/admin/settings: every lightbox.* setting in effect, with its variable and source, and no secret in it. */
class SettingsApiTest extends IntegrationTest {

    @Value("${lightbox.data-dir}") String dataDir;

    @Test
    void effectiveSettingsWithSecretsMasked() throws IOException {
        var api = api();
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        var response = api.get("/api/v1/admin/settings", admin);
        assertThat(response.status()).isEqualTo(200);

        // the secrets this test context runs with: the admin's password and the generated S3 keys
        List<String> secrets = new ArrayList<>(List.of(ADMIN_PASSWORD));
        var credentials = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(dataDir).resolve("s3-credentials.properties"))) {
            credentials.load(in);
        }
        secrets.add(credentials.getProperty("secretKey"));
        secrets.forEach(secret -> assertThat(response.body()).doesNotContain(secret));

        JsonNode password = setting(response.json(), "lightbox.admin.password");
        assertThat(password.get("name").asString()).isEqualTo("LIGHTBOX_ADMIN_PASSWORD");
        assertThat(password.get("secret").asBoolean()).isTrue();
        assertThat(password.get("value").asString()).isEqualTo("••••••");
        assertThat(password.get("source").asString()).isNotBlank();

        // a default the settings record knows, named as its environment variable
        JsonNode pollInterval = setting(response.json(), "lightbox.jobs.poll-interval");
        assertThat(pollInterval.get("name").asString()).isEqualTo("LIGHTBOX_JOBS_POLL_INTERVAL");
        assertThat(pollInterval.get("value").asString()).isEqualTo("PT5S");
        assertThat(pollInterval.get("secret").asBoolean()).isFalse();
        assertThat(pollInterval.get("source").asString()).isEqualTo("default");
        // set by the test context, and by application.properties
        assertThat(setting(response.json(), "lightbox.jobs.lease").get("value").asString()).isEqualTo("PT2S");
        assertThat(setting(response.json(), "lightbox.jobs.lease").get("source").asString()).isNotEqualTo("default");
        assertThat(setting(response.json(), "lightbox.upload.max-bytes").get("source").asString()).isEqualTo("application.properties");
        assertThat(setting(response.json(), "lightbox.data-dir").get("value").asString()).isEqualTo(dataDir);
        for (String secret : List.of("lightbox.s3.secret-key", "lightbox.s3.access-key", "lightbox.db.password", "lightbox.stripe.secret-key",
                "lightbox.stripe.webhook-secret", "lightbox.telegram.bot-token", "lightbox.telegram.webhook-secret", "lightbox.vision.api-key")) {
            assertThat(setting(response.json(), secret).get("secret").asBoolean()).as(secret).isTrue();
        }
        response.json().forEach(s -> assertThat(s.get("property").asString()).startsWith("lightbox."));
    }

    @Test
    void onlyAdminsSeeTheSettings() {
        var api = api();
        assertThat(api.get("/api/v1/admin/settings", api.newUser().token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/settings", null).status()).isEqualTo(401);
    }

    private static JsonNode setting(JsonNode settings, String property) {
        for (JsonNode s : settings) if (s.get("property").asString().equals(property)) return s;
        throw new AssertionError("no setting " + property + " in " + settings);
    }
}

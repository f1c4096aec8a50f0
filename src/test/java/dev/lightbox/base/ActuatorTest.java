package dev.lightbox.base;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.IntegrationTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

class ActuatorTest extends IntegrationTest {

    @Value("${lightbox.data-dir}")
    String dataDir;

    private String adminToken() {
        return api().login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    @Test
    void theDiskCheckWatchesTheDataDirectory() {
        var health = api().get("/actuator/health", adminToken());
        assertThat(health.status()).isEqualTo(200);
        var disk = health.json().get("components").get("diskSpace");
        assertThat(disk.get("status").asString()).isEqualTo("UP");
        assertThat(Path.of(disk.get("details").get("path").asString()).toAbsolutePath().normalize())
                .isEqualTo(Path.of(dataDir).toAbsolutePath().normalize());
    }

    @Test
    void unknownActuatorPathsAnswer404ProblemsNotTheWebPage() {
        var api = api();
        String token = adminToken();
        for (String path : java.util.List.of("/actuator/nope", "/actuator/health-typo", "/actuator/prometheus/extra/x")) {
            var response = api.get(path, token);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
            assertThat(response.body()).as(path).doesNotContain("<html");
        }
        assertThat(api.post("/actuator/nope", java.util.Map.of(), token).status()).isEqualTo(404);
        assertThat(api.get("/actuator/health", token).status()).isEqualTo(200);
        assertThat(api.get("/actuator/prometheus", token).status()).isEqualTo(200);
    }
}

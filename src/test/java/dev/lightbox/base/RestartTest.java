package dev.lightbox.base;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.AppRunner;
import dev.lightbox.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Everything lives in the data directory: a stopped and restarted app finds its accounts, tokens and objects. */
class RestartTest {

    @Test
    void dataSurvivesARestartOnTheSameDataDirectory() throws Exception {
        Path dataDir = IntegrationTest.newDataDir("restart");
        String token;
        String credentials;
        try (var first = AppRunner.start(dataDir)) {
            var api = AppRunner.api(first);
            assertThat(api.post("/api/v1/auth/signup", Map.of("email", "first@lightbox.test", "password", "scarlet-Tundra-whisk-19")).status())
                    .isEqualTo(201);
            token = api.login("first@lightbox.test", "scarlet-Tundra-whisk-19");
            byte[] bytes = "kept across restarts".getBytes(StandardCharsets.UTF_8);
            first.getBean(ObjectStore.class).put("test/restart.txt", new ByteArrayInputStream(bytes), bytes.length, "text/plain");
            credentials = Files.readString(dataDir.resolve("s3-credentials.properties"));
        }
        assertThat(postgresProcessesUsing(dataDir)).as("embedded PostgreSQL stops with the app").isZero();

        try (var second = AppRunner.start(dataDir, "lightbox.signup=closed")) {
            var api = AppRunner.api(second);
            var me = api.get("/api/v1/auth/me", token);
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().get("roles").values()).extracting(n -> n.asString())
                    .as("the first account ever created is the admin").containsExactly("USER", "ADMIN");
            assertThat(api.login("first@lightbox.test", "scarlet-Tundra-whisk-19")).startsWith("lbx_");
            try (InputStream in = second.getBean(ObjectStore.class).get("test/restart.txt")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("kept across restarts");
            }
            assertThat(Files.readString(dataDir.resolve("s3-credentials.properties"))).isEqualTo(credentials);

            var closed = api.post("/api/v1/auth/signup", Map.of("email", "second@lightbox.test", "password", "cobalt-Marmot-fiddle-72"));
            assertThat(closed.status()).isEqualTo(403);
            assertThat(closed.detail()).contains("Sign-up is closed");
        }
    }

    private static long postgresProcessesUsing(Path dataDir) {
        String dir = dataDir.resolve("postgres").toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(dir)).orElse(false))
                .count();
    }
}

package dev.lightbox.base;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.AppRunner;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import dev.lightbox.sync.cli.SyncCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Everything lives in the data directory: a stopped and restarted app finds its accounts, tokens and objects; a sync
 * client in the middle of its batches rides out the restart by retrying.
 */
class RestartTest {

    @Test
    void dataSurvivesARestartOnTheSameDataDirectory() throws Exception {
        Path dataDir = IntegrationTest.newDataDir("restart");
        int port = freePort(); // the same address before and after, as a server that restarts keeps it
        String token;
        String credentials;
        Future<Integer> sync;
        try (var first = AppRunner.start(dataDir, "server.port=" + port)) {
            var api = AppRunner.api(first);
            assertThat(api.post("/api/v1/auth/signup", Map.of("email", "first@lightbox.test", "password", "scarlet-Tundra-whisk-19")).status())
                    .isEqualTo(201);
            token = api.login("first@lightbox.test", "scarlet-Tundra-whisk-19");
            byte[] bytes = "kept across restarts".getBytes(StandardCharsets.UTF_8);
            first.getBean(ObjectStore.class).put("test/restart.txt", new ByteArrayInputStream(bytes), bytes.length, "text/plain");
            credentials = Files.readString(dataDir.resolve("s3-credentials.properties"));

            // a sync that loses its server after the first acknowledged batch: the client waits there until this app is down
            sync = startSyncStoppedAfterFirstBatch(first, dataDir, token, port);
        }
        appStopped.countDown();
        assertThat(postgresProcessesUsing(dataDir)).as("embedded PostgreSQL stops with the app").isZero();

        try (var second = AppRunner.start(dataDir, "lightbox.signup=closed", "server.port=" + port)) {
            var api = AppRunner.api(second);
            assertThat(sync.get(3, TimeUnit.MINUTES)).as("the sync outlived the restart:\n" + syncOutput).isZero();
            assertThat(syncOutput.toString(StandardCharsets.UTF_8)).contains("trying again");
            assertThat(api.get("/api/v1/sync/attributes?limit=1000", token).json().get("items").size())
                    .as("every item reached the server").isEqualTo(SYNCED_PHOTOS);
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

    private static final int SYNCED_PHOTOS = 6;
    private final CountDownLatch firstBatch = new CountDownLatch(1);
    private final CountDownLatch appStopped = new CountDownLatch(1);
    private final ByteArrayOutputStream syncOutput = new ByteArrayOutputStream();

    /** Runs the sync command on a thread, two photos a call; returns once its first call was acknowledged. */
    private Future<Integer> startSyncStoppedAfterFirstBatch(ConfigurableApplicationContext app, Path dataDir, String token, int port)
            throws Exception {
        Path folder = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-photos"));
        for (int i = 0; i < SYNCED_PHOTOS; i++) Files.write(folder.resolve("photo-" + i + ".jpg"), TestImages.jpeg(320, 240, 100 + i));
        var out = new PrintStream(syncOutput, true, StandardCharsets.UTF_8);
        var command = new SyncCommand(out, out, Map.of()).onBatchAcknowledged((call, items) -> {
            if (call != 1) return;
            firstBatch.countDown();
            try {
                appStopped.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Future<Integer> sync = Executors.newSingleThreadExecutor().submit(() -> command.run(folder.toString(), "--server",
                "http://localhost:" + port, "--token", token, "--cache", folder.resolveSibling(folder.getFileName() + "-cache").toString(),
                "--batch-size", "2", "--threads", "2"));
        assertThat(firstBatch.await(2, TimeUnit.MINUTES)).as("the first batch was acknowledged:\n" + syncOutput).isTrue();
        assertThat(AppRunner.api(app).get("/api/v1/sync/attributes", token).json().get("items").size()).isEqualTo(2);
        return sync;
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static long postgresProcessesUsing(Path dataDir) {
        String dir = dataDir.resolve("postgres").toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(dir)).orElse(false))
                .count();
    }
}

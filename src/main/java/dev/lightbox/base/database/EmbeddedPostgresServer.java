package dev.lightbox.base.database;

import dev.lightbox.base.LightboxStartupException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server (zonky binaries) whose data lives in {@code <data dir>/postgres},
 * listening on loopback only.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedPostgresServer start(Path dataDir, int port) {
        stopOrphanedServer(dataDir);
        try {
            var builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (port > 0) builder.setPort(port);
            var postgres = builder.start();
            log.info("Embedded PostgreSQL started on 127.0.0.1:{} with data in {}", postgres.getPort(), dataDir);
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException | RuntimeException e) {
            throw new LightboxStartupException("Embedded PostgreSQL could not start in " + dataDir + ": " + e.getMessage(),
                    "Check the folder's permissions and free disk space, or set LIGHTBOX_DB_URL to use an external server.", e);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /**
     * A Lightbox process killed without shutdown leaves its PostgreSQL running. The caller holds the data
     * directory's lock, so a server still recorded in postmaster.pid belongs to no live Lightbox: stop it.
     */
    private static void stopOrphanedServer(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) return;
        Optional<ProcessHandle> orphan;
        try {
            String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            orphan = ProcessHandle.of(Long.parseLong(firstLine)).filter(p -> p.info().command()
                    .map(c -> c.endsWith("postgres")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return; // unreadable pid file: PostgreSQL itself will judge it
        }
        orphan.ifPresent(process -> {
            log.warn("Stopping PostgreSQL (pid {}) left running by a previous Lightbox process", process.pid());
            process.destroy(); // SIGTERM: smart shutdown; its clients died with the old process
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}

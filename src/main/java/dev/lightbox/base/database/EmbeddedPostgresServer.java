package dev.lightbox.base.database;

import dev.lightbox.base.LightboxStartupException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * A real PostgreSQL 17 server (zonky binaries) whose data lives in {@code <data dir>/postgres}, listening
 * on loopback only. Unlike zonky's test defaults it runs durable (fsync, full page writes, synchronous
 * commit) and every connection needs the generated password ({@link PostgresPassword}, SCRAM-SHA-256).
 * A data directory made before that (trust authentication) is secured on its first start here.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    static final String USER = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    /**
     * Shorter than at startup: zonky waits this long even when the server exits at once. A server still in
     * crash recovery then is found by the next attempt, which waits for it.
     */
    private static final Duration RESTART_WAIT = Duration.ofSeconds(10);
    private static final String ZONKY_LOCK_FILE = "epg-lock";

    private final Path dataDir;
    private final int port;
    private final String password;
    private volatile EmbeddedPostgres postgres;
    private volatile @Nullable ProcessHandle postmaster;
    private boolean closed;

    private EmbeddedPostgresServer(Path dataDir, int port, String password, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.port = port;
        this.password = password;
        this.postgres = postgres;
        this.postmaster = PostmasterPidFile.read(dataDir).orElse(null);
    }

    static EmbeddedPostgresServer start(Path dataDir, Path passwordFile, int port) {
        stopOrphanedServer(dataDir);
        String password;
        try {
            password = PostgresPassword.loadOrCreate(passwordFile);
        } catch (IOException e) {
            throw new LightboxStartupException("Cannot read or create " + passwordFile + ": " + e.getMessage(),
                    "Check the permissions of LIGHTBOX_DATA_DIR.", e);
        }
        boolean trusting = PgHba.allowsConnectionsWithoutPassword(dataDir);
        EmbeddedPostgres postgres;
        try {
            postgres = builder(dataDir, port, password).start();
        } catch (IOException | RuntimeException e) {
            String hint = trusting ? "Check the folder's permissions and free disk space, or set LIGHTBOX_DB_URL to use an external server."
                    : "If " + passwordFile.getFileName() + " was replaced or edited, restore it; else check the folder's permissions and free disk space.";
            throw new LightboxStartupException("Embedded PostgreSQL could not start in " + dataDir + ": " + e.getMessage(), hint, e);
        }
        var server = new EmbeddedPostgresServer(dataDir, postgres.getPort(), password, postgres);
        if (trusting) server.requirePassword();
        log.info("Embedded PostgreSQL started on 127.0.0.1:{} with data in {}", server.port, dataDir);
        return server;
    }

    private static EmbeddedPostgres.Builder builder(Path dataDir, int port, String password) {
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // TCP only: no socket in /tmp whose lock file, naming a killed server, would block its restart
                .setServerConfig("unix_socket_directories", "''")
                // zonky passes -F (fsync off) and synchronous_commit=off for tests; a later -c wins
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setConnectConfig("password", password) // zonky's own readiness check connects too
                // stopped by the application context, after the pool; zonky's own JVM hook would stop it
                // while requests still run, and the watchdog would start it again
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_WAIT);
        if (port > 0) builder.setPort(port);
        return builder;
    }

    /**
     * Sets the role's password (hashed by the driver, so the plain text never reaches the server or its
     * log) over the connection the old configuration still trusts, then puts scram-sha-256 in pg_hba.conf.
     */
    private void requirePassword() {
        try (Connection connection = connect();
             Statement statement = connection.createStatement()) {
            connection.unwrap(PGConnection.class).alterUserPassword(USER, password.toCharArray(), "scram-sha-256");
            PgHba.writePasswordOnly(dataDir);
            statement.execute("SELECT pg_reload_conf()");
            log.info("Embedded PostgreSQL now requires the password kept in the data directory (scram-sha-256)");
        } catch (SQLException | IOException e) {
            throw new LightboxStartupException("Could not set the embedded PostgreSQL's password in " + dataDir + ": " + e.getMessage(),
                    "Check the permissions of LIGHTBOX_DATA_DIR.", e);
        }
    }

    private Connection connect() throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    String user() {
        return USER;
    }

    String password() {
        return password;
    }

    /** True while the postmaster this server started is alive (a zombie left by {@code kill -9} is not). */
    boolean isRunning() {
        ProcessHandle process = postmaster;
        return process != null && PostmasterPidFile.isAlive(process);
    }

    /** Starts the server again on the same data directory and port after it died. */
    synchronized void restart() throws IOException {
        if (closed) return;
        PostmasterPidFile.deleteIfZombie(dataDir);
        closeQuietly(postgres);
        // A start attempt that failed keeps zonky's lock on this file, and the instance is out of reach. The
        // data directory's own lock already keeps other processes out, so a fresh file is safe.
        Files.deleteIfExists(dataDir.resolve(ZONKY_LOCK_FILE));
        postgres = builder(dataDir, port, password).setPGStartupWait(RESTART_WAIT).start();
        postmaster = PostmasterPidFile.read(dataDir).orElse(null);
    }

    /**
     * zonky's close of a server that died runs {@code pg_ctl stop}, which fails and is logged as an error
     * with a stack trace; the watchdog already said what happened. Closing still releases zonky's lock.
     */
    private static void closeQuietly(EmbeddedPostgres dead) {
        LoggingSystem logging = LoggingSystem.get(EmbeddedPostgresServer.class.getClassLoader());
        String logger = EmbeddedPostgres.class.getName();
        logging.setLogLevel(logger, LogLevel.OFF);
        try {
            dead.close();
        } catch (IOException e) {
            log.debug("Closing the dead PostgreSQL server: {}", e.getMessage());
        } finally {
            logging.setLogLevel(logger, null);
        }
    }

    /**
     * A Lightbox process killed without shutdown leaves its PostgreSQL running. The caller holds the data
     * directory's lock, so a server still recorded in postmaster.pid belongs to no live Lightbox: stop it.
     */
    private static void stopOrphanedServer(Path dataDir) {
        Optional<ProcessHandle> orphan = PostmasterPidFile.read(dataDir).filter(PostmasterPidFile::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
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
    public synchronized void close() throws IOException {
        closed = true;
        if (isRunning()) {
            postgres.close();
        } else {
            PostmasterPidFile.deleteIfZombie(dataDir);
            closeQuietly(postgres);
        }
    }

}

package dev.lightbox.base.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.AppRunner;
import dev.lightbox.support.IntegrationTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded PostgreSQL is durable (fsync, full page writes, synchronous commit) and private: every
 * connection needs the generated password (SCRAM), kept in the data directory with mode 600 and never
 * logged. A data directory made by earlier versions (trust for everyone on loopback) is secured on start.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseSecurityTest {

    private static final String PASSWORD_FILE = "postgres-credentials.properties"; // named in the README

    @Test
    void aNewDataDirectoryRunsDurableAndNeedsThePassword(CapturedOutput output) throws Exception {
        Path dataDir = IntegrationTest.newDataDir("durable");
        try (var app = AppRunner.start(dataDir)) {
            assertThat(AppRunner.api(app).post("/api/v1/auth/signup", Map.of("email", "owner@lightbox.test", "password", ApiClient.USER_PASSWORD)).status())
                    .isEqualTo(201);
            String password = assertSecured(app, dataDir);
            assertThat(output.getAll()).as("the password never reaches the log").doesNotContain(password);
        }
    }

    @Test
    void aDataDirectoryMadeWithTrustIsSecuredOnStart(CapturedOutput output) throws Exception {
        Path dataDir = IntegrationTest.newDataDir("trusting");
        // the way earlier versions ran it: zonky's test defaults, trust authentication, no password
        try (var old = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres")).setCleanDataDirectory(false).start();
             Connection connection = old.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (note text)");
            statement.execute("INSERT INTO kept VALUES ('made before the password')");
        }
        assertThat(Files.readString(dataDir.resolve("postgres/pg_hba.conf"))).containsPattern("(?m)^host\\s.*trust");
        assertThat(dataDir.resolve(PASSWORD_FILE)).doesNotExist();

        try (var app = AppRunner.start(dataDir)) {
            String password = assertSecured(app, dataDir);
            try (Connection connection = connect(app, password); Statement statement = connection.createStatement();
                 ResultSet kept = statement.executeQuery("SELECT note FROM kept")) {
                assertThat(kept.next()).isTrue();
                assertThat(kept.getString(1)).isEqualTo("made before the password");
            }
            assertThat(output.getAll()).doesNotContain(password);
        }
        // and the next start uses the password it keeps
        try (var again = AppRunner.start(dataDir)) {
            assertSecured(again, dataDir);
        }
    }

    private static String assertSecured(ConfigurableApplicationContext app, Path dataDir) throws Exception {
        try (Connection connection = app.getBean(HikariDataSource.class).getConnection(); Statement statement = connection.createStatement()) {
            assertThat(show(statement, "fsync")).as("fsync").isEqualTo("on");
            assertThat(show(statement, "full_page_writes")).as("full_page_writes").isEqualTo("on");
            assertThat(show(statement, "synchronous_commit")).as("synchronous_commit").isEqualTo("on");
        }
        Path passwordFile = dataDir.resolve(PASSWORD_FILE);
        assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        var stored = new Properties();
        stored.load(new StringReader(Files.readString(passwordFile)));
        String password = stored.getProperty("password");
        assertThat(password).hasSizeGreaterThanOrEqualTo(32);

        try (Connection connection = connect(app, password); Statement statement = connection.createStatement()) {
            assertThat(show(statement, "password_encryption")).isEqualTo("scram-sha-256");
            try (ResultSet hba = statement.executeQuery("SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256'")) {
                hba.next();
                assertThat(hba.getLong(1)).as("rules in force that let a connection in without the SCRAM password").isZero();
            }
            try (ResultSet role = statement.executeQuery("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'postgres'")) {
                role.next();
                assertThat(role.getBoolean(1)).as("stored as a SCRAM verifier, not in plain text").isTrue();
            }
        }
        assertThat(Files.readAllLines(dataDir.resolve("postgres/pg_hba.conf")))
                .filteredOn(line -> !line.isBlank() && !line.startsWith("#"))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).endsWith("scram-sha-256").doesNotContain("trust"));

        assertThatThrownBy(() -> connect(app, "wrong-password").close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as("invalid_password").isEqualTo("28P01"));
        assertThatThrownBy(() -> connect(app, null).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("SCRAM");
        return password;
    }

    private static Connection connect(ConfigurableApplicationContext app, String password) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", "postgres");
        if (password != null) properties.setProperty("password", password);
        return DriverManager.getConnection(app.getBean(HikariDataSource.class).getJdbcUrl(), properties);
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet result = statement.executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }
}

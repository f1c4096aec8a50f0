package dev.lightbox.base.database;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The database outside the application (the {@code backup}/{@code restore} commands, with the app stopped): the
 * configured PostgreSQL, or the embedded one started here on {@code <data dir>/postgres} (its watchdog is not).
 */
public final class StandaloneDatabase implements AutoCloseable {

    private final String url;
    private final @Nullable String user;
    private final @Nullable String password;
    private final @Nullable EmbeddedPostgresServer server;

    private StandaloneDatabase(String url, @Nullable String user, @Nullable String password, @Nullable EmbeddedPostgresServer server) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.server = server;
    }

    /** Starts the embedded server on the data dir (the caller holds its {@code DataDirectory} lock), or names the external one. */
    public static StandaloneDatabase open(DatabaseProperties props, Path dataDir) {
        String url = props.url();
        if (url != null) return new StandaloneDatabase(url, props.user(), props.password(), null);
        var server = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), dataDir.resolve(PostgresPassword.FILE_NAME), props.embeddedPort());
        return new StandaloneDatabase(server.jdbcUrl(), server.user(), server.password(), server);
    }

    public static boolean embedded(DatabaseProperties props) {
        return props.embedded();
    }

    /** Files in the data directory the embedded servers generate for themselves (never part of a backup). */
    public static boolean isServerFile(String name) {
        return name.equals(PostgresPassword.FILE_NAME) || name.equals("postgres") || name.equals("objects")
                || name.equals("s3-credentials.properties") || name.equals(".lock");
    }

    public String url() {
        return url;
    }

    public Connection connect() throws SQLException {
        var properties = new Properties();
        if (user != null) properties.setProperty("user", user);
        if (password != null) properties.setProperty("password", password);
        return DriverManager.getConnection(url, properties);
    }

    /** A data source on this database (one new connection per call), for Liquibase. */
    public javax.sql.DataSource dataSource() {
        var source = new org.springframework.jdbc.datasource.SimpleDriverDataSource(new org.postgresql.Driver(), url);
        if (user != null) source.setUsername(user);
        if (password != null) source.setPassword(password);
        return source;
    }

    @Override
    public void close() throws IOException {
        if (server != null) server.close();
    }
}

package dev.lightbox.base.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lightbox.base.DataDirectory;
import dev.lightbox.base.LightboxStartupException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's one connection pool: to {@code LIGHTBOX_DB_URL} when set, else to an embedded
 * PostgreSQL started here and watched ({@link PostgresWatchdog}). Connectivity is checked up front so a bad
 * setting fails with one clear line. A request waits at most {@code LIGHTBOX_DB_CONNECTION_TIMEOUT} for a
 * connection, so a database that is down answers 503 at once; the pool reconnects by itself when it is back.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(DatabaseProperties props, ObjectProvider<DataDirectory> dataDirectory) {
        if (!props.embedded()) return EmbeddedDatabase.NONE;
        DataDirectory data = dataDirectory.getObject();
        var server = EmbeddedPostgresServer.start(data.resolve("postgres"), data.root().resolve(PostgresPassword.FILE_NAME), props.embeddedPort());
        return new EmbeddedDatabase(server, new PostgresWatchdog(server, Duration.ofSeconds(30)));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseProperties props, EmbeddedDatabase embedded) {
        var config = new HikariConfig();
        config.setPoolName("lightbox");
        config.setMaximumPoolSize(props.poolSize());
        long timeout = props.connectionTimeout().toMillis();
        if (timeout < 250 || timeout > 60_000) {
            throw new LightboxStartupException("LIGHTBOX_DB_CONNECTION_TIMEOUT must be between 250ms and 60s, got " + props.connectionTimeout() + ".",
                    "Set it to e.g. 1500ms, or unset it.");
        }
        config.setConnectionTimeout(timeout);
        config.setValidationTimeout(Math.min(1_000, timeout));
        EmbeddedPostgresServer server = embedded.server();
        if (server != null) {
            config.setJdbcUrl(server.jdbcUrl());
            config.setUsername(server.user());
            config.setPassword(server.password());
        } else {
            config.setJdbcUrl(props.url());
            config.setUsername(props.user());
            config.setPassword(props.password());
        }
        if (!config.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            throw new LightboxStartupException("LIGHTBOX_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), got: "
                    + withoutQuery(config.getJdbcUrl()), "Fix LIGHTBOX_DB_URL.");
        }
        try {
            return new HikariDataSource(config); // fails fast: opens its first connection here
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new LightboxStartupException("Cannot connect to PostgreSQL at " + withoutQuery(config.getJdbcUrl()) + ": " + cause.getMessage(),
                    "Check LIGHTBOX_DB_URL, LIGHTBOX_DB_USER and LIGHTBOX_DB_PASSWORD, and that the server is running.", e);
        }
    }

    /** URL parameters may carry a password; they stay out of messages and logs. */
    private static String withoutQuery(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    /** Holds the embedded server and its watchdog, if one was started, so both stop after the pool on shutdown. */
    record EmbeddedDatabase(@Nullable EmbeddedPostgresServer server, @Nullable PostgresWatchdog watchdog) implements AutoCloseable {
        static final EmbeddedDatabase NONE = new EmbeddedDatabase(null, null);

        @Override
        public void close() throws Exception {
            if (watchdog != null) watchdog.close();
            if (server != null) server.close();
        }
    }
}

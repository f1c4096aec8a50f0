package dev.lightbox.base.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lightbox.base.DataDirectory;
import dev.lightbox.base.LightboxStartupException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's one connection pool: to {@code LIGHTBOX_DB_URL} when set, else to an embedded
 * PostgreSQL started here. Connectivity is checked up front so a bad setting fails with one clear line.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(DatabaseProperties props, ObjectProvider<DataDirectory> dataDirectory) {
        if (!props.embedded()) return EmbeddedDatabase.NONE;
        var dir = dataDirectory.getObject().resolve("postgres");
        return new EmbeddedDatabase(EmbeddedPostgresServer.start(dir, props.embeddedPort()));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseProperties props, EmbeddedDatabase embedded) {
        var config = new HikariConfig();
        config.setPoolName("lightbox");
        config.setMaximumPoolSize(props.poolSize());
        config.setConnectionTimeout(10_000);
        if (embedded.server() != null) {
            config.setJdbcUrl(embedded.server().jdbcUrl());
            config.setUsername("postgres");
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

    /** Holds the embedded server, if one was started, so it stops after the pool on shutdown. */
    record EmbeddedDatabase(@org.jspecify.annotations.Nullable EmbeddedPostgresServer server) implements AutoCloseable {
        static final EmbeddedDatabase NONE = new EmbeddedDatabase(null);

        @Override
        public void close() throws Exception {
            if (server != null) server.close();
        }
    }
}

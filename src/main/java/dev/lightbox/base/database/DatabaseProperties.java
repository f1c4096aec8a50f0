package dev.lightbox.base.database;

import jakarta.validation.constraints.Max;
import java.time.Duration;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code LIGHTBOX_DB_*}: an external PostgreSQL when {@code url} is given, else the embedded one;
 * {@code connectionTimeout} is how long a request waits for a pooled connection.
 */
@Validated
@ConfigurationProperties("lightbox.db")
public record DatabaseProperties(
        @Nullable String url,
        @Nullable String user,
        @Nullable String password,
        @Min(1) @Max(500) Integer poolSize,
        @Min(0) @Max(65535) Integer embeddedPort,
        Duration connectionTimeout) {

    public DatabaseProperties {
        if (url != null && url.isBlank()) url = null;
        if (poolSize == null) poolSize = 10;
        if (embeddedPort == null) embeddedPort = 0;
        // how long a request waits for a connection before it answers 503: short, so a dead database is said at once
        if (connectionTimeout == null) connectionTimeout = Duration.ofMillis(1500);
    }

    boolean embedded() {
        return url == null;
    }
}

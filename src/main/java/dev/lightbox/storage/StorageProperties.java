package dev.lightbox.storage;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code LIGHTBOX_S3_*}: an external S3 server when {@code endpoint} is given, else the embedded one. */
@Validated
@ConfigurationProperties("lightbox.s3")
public record StorageProperties(
        @Nullable String endpoint,
        @Nullable String accessKey,
        @Nullable String secretKey,
        @Pattern(regexp = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", message = "must be a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)")
        String bucket,
        String region,
        @Min(0) @Max(65535) Integer embeddedPort) {

    public StorageProperties {
        if (endpoint != null && endpoint.isBlank()) endpoint = null;
        if (bucket == null || bucket.isBlank()) bucket = "lightbox";
        if (region == null || region.isBlank()) region = "us-east-1";
        if (embeddedPort == null) embeddedPort = 0;
    }

    boolean embedded() {
        return endpoint == null;
    }
}

package dev.lightbox.library;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code LIGHTBOX_UPLOAD_MAX_BYTES} (default 100 MB) and {@code LIGHTBOX_UPLOAD_MAX_PIXELS} (default 100 MP). */
@Validated
@ConfigurationProperties("lightbox.upload")
public record LibraryProperties(@Min(1) Long maxBytes, @Min(1) Long maxPixels) {

    public LibraryProperties {
        if (maxBytes == null) maxBytes = 100L * 1024 * 1024;
        if (maxPixels == null) maxPixels = 100_000_000L;
    }
}

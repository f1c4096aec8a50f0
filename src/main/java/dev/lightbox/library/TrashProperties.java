package dev.lightbox.library;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code LIGHTBOX_TRASH_DAYS} (default 30): how long a deleted photo waits in the trash; 0 deletes at once. */
@Validated
@ConfigurationProperties("lightbox.trash")
public record TrashProperties(@Min(0) @Max(3650) Integer days) {

    public TrashProperties {
        if (days == null) days = 30;
    }
}

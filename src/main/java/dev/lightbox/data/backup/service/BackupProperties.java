package dev.lightbox.data.backup.service;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code LIGHTBOX_BACKUP_DAILY} (default true; embedded setup only): a backup a day into {@code <data dir>/backups/};
 * {@code LIGHTBOX_BACKUP_KEEP} (default 7): how many of them stay.
 */
@Validated
@ConfigurationProperties("lightbox.backup")
public record BackupProperties(Boolean daily, @Min(1) @Max(1000) Integer keep) {

    public BackupProperties {
        if (daily == null) daily = true;
        if (keep == null) keep = 7;
    }
}

package dev.lightbox.data.backup.service;

import java.time.Instant;

/** One backup in {@code <data dir>/backups/}. */
public record BackupSummary(String name, Instant createdAt, long sizeBytes, long photoCount) {
}

package dev.lightbox.data.backup.service;

import org.jspecify.annotations.Nullable;

/**
 * A backup or restore that cannot go ahead: {@code refused} when nothing was written and the reason is the input's
 * (a non-empty target, a checksum mismatch, a backup from a newer version), else a failure on the way.
 */
public class BackupException extends RuntimeException {

    private final boolean refused;

    private BackupException(String message, boolean refused, @Nullable Throwable cause) {
        super(message, cause);
        this.refused = refused;
    }

    public static BackupException refused(String message) {
        return new BackupException(message, true, null);
    }

    public static BackupException failed(String message, @Nullable Throwable cause) {
        return new BackupException(message, false, cause);
    }

    public boolean refused() {
        return refused;
    }
}

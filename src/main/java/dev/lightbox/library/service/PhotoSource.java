package dev.lightbox.library.service;

import java.util.Locale;

/** Where a photo came from: uploaded (its original is stored), or synced from the owner's device (hash, metadata and attributes only). */
public enum PhotoSource {
    UPLOAD, SYNC;

    /** The REST and column name: {@code upload} or {@code sync}. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PhotoSource fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}

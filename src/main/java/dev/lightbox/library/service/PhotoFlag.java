package dev.lightbox.library.service;

import java.util.Locale;

/** A photo's cull flag: kept ({@code picked}), to go ({@code rejected}), or not decided ({@code none}). */
public enum PhotoFlag {
    NONE, PICKED, REJECTED;

    /** The REST name: {@code picked}, {@code rejected} or {@code none}. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** From the REST name (case-insensitive); {@code null} or blank means none. */
    public static PhotoFlag fromParameter(@org.jspecify.annotations.Nullable String value) {
        if (value == null || value.isBlank()) return NONE;
        for (PhotoFlag flag : values()) if (flag.parameter().equalsIgnoreCase(value.strip())) return flag;
        throw new IllegalArgumentException("flag: use picked, rejected or none.");
    }
}

package dev.lightbox.culling.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Consecutive shots of one camera within seconds, or pictures whose perceptual hashes are close. */
public enum GroupKind {
    BURST, SIMILAR;

    /** The name in the API and the table: {@code burst}, {@code similar}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<GroupKind> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst();
    }
}

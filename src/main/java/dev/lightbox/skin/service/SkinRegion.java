package dev.lightbox.skin.service;

import java.util.Arrays;
import java.util.Optional;

/** Face regions measured separately, from Face Mesh landmark polygons; left and right are the person's own. */
public enum SkinRegion {
    FOREHEAD("forehead", "forehead"),
    LEFT_CHEEK("leftCheek", "left cheek"),
    RIGHT_CHEEK("rightCheek", "right cheek"),
    NOSE("nose", "nose"),
    CHIN("chin", "chin");

    private final String key;
    private final String words;

    SkinRegion(String key, String words) {
        this.key = key;
        this.words = words;
    }

    /** The name in JSON ({@code regions.leftCheek}). */
    public String key() {
        return key;
    }

    /** As in a sentence: "your left cheek". */
    public String words() {
        return words;
    }

    public static Optional<SkinRegion> of(String key) {
        return Arrays.stream(values()).filter(r -> r.key.equalsIgnoreCase(key)).findFirst();
    }
}

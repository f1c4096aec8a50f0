package dev.lightbox.skin.service;

import java.util.Arrays;
import java.util.Optional;

/** The five skin metrics, each one number per region and for the whole skin mask (see the README for scales). */
public enum SkinMetric {
    REDNESS("redness", "Redness", true),
    BLEMISHES("blemishes", "Blemishes", true),
    EVENNESS("evenness", "Evenness", false),
    TEXTURE("texture", "Texture", true),
    SHINE("shine", "Shine", true);

    private final String key;
    private final String title;
    private final boolean higherIsWorse;

    SkinMetric(String key, String title, boolean higherIsWorse) {
        this.key = key;
        this.title = title;
        this.higherIsWorse = higherIsWorse;
    }

    /** The name in JSON, the API's {@code metric} parameter and the bot's {@code /trend} command. */
    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    /** Redness, blemishes, texture and shine read better when they go down; evenness when it goes up. */
    public boolean higherIsWorse() {
        return higherIsWorse;
    }

    public static Optional<SkinMetric> of(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equalsIgnoreCase(key)).findFirst();
    }
}

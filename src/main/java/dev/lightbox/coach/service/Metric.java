package dev.lightbox.coach.service;

import dev.lightbox.analysis.Attribute;
import dev.lightbox.skin.service.SkinMetric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a tool measures: a numeric photo attribute of the catalogue (by its key), the photo's score under the active
 * scoring config ({@code score}), or a skin metric of the diary. {@code target}: the best value of an attribute that is
 * best near a target (brightness 0.5, horizon tilt 0); null when higher (or lower) is simply better.
 */
public record Metric(Kind kind, String key, String label, boolean higherIsBetter, @Nullable Double target) {

    public enum Kind { ATTRIBUTE, SCORE, SKIN }

    public static final Metric SCORE = new Metric(Kind.SCORE, "score", "Score", true, null);

    /** Words people use, to the metric's key. */
    private static final Map<String, String> SYNONYMS = new LinkedHashMap<>();

    static {
        for (String w : List.of("sharp", "sharper", "sharpest", "crisp", "focus", "focused", "blurry", "blurrier", "blurriest", "blur",
                "blurred", "soft")) SYNONYMS.put(w, "sharpness");
        for (String w : List.of("dark", "darker", "darkest", "bright", "brighter", "brightest", "light", "exposure", "exposed", "lit"))
            SYNONYMS.put(w, "brightness");
        for (String w : List.of("colourful", "colorful", "colourfulness", "most colourful", "vivid", "color", "colour"))
            SYNONYMS.put(w, "colorfulness");
        for (String w : List.of("saturated")) SYNONYMS.put(w, "saturation");
        for (String w : List.of("noisy", "grain", "grainy")) SYNONYMS.put(w, "noise");
        for (String w : List.of("tilt", "tilted", "crooked", "level")) SYNONYMS.put(w, "horizonTilt");
        for (String w : List.of("composition", "composed")) SYNONYMS.put(w, "thirds");
        for (String w : List.of("scores", "scored", "rating", "quality", "best", "worst", "good", "bad")) SYNONYMS.put(w, "score");
        for (String w : List.of("red", "redder", "reddest", "reddish")) SYNONYMS.put(w, "redness");
        for (String w : List.of("oily", "oiliness", "oil", "shiny", "greasy")) SYNONYMS.put(w, "shine");
        for (String w : List.of("spots", "pimples", "acne", "blemish", "spotty")) SYNONYMS.put(w, "blemishes");
        for (String w : List.of("even", "uneven", "tone")) SYNONYMS.put(w, "evenness");
        for (String w : List.of("rough", "smooth", "pores")) SYNONYMS.put(w, "texture");
        SYNONYMS.put("faces", "faceCount");
        SYNONYMS.put("people", "faceCount");
    }

    /** A metric by its key (attribute key, "score", a skin metric) or one of its synonyms, any case. */
    public static Optional<Metric> of(String name) {
        String n = name.strip();
        String key = SYNONYMS.getOrDefault(n.toLowerCase(Locale.ROOT), n);
        if (key.equalsIgnoreCase("score")) return Optional.of(SCORE);
        Optional<SkinMetric> skin = SkinMetric.of(key);
        if (skin.isPresent()) return Optional.of(new Metric(Kind.SKIN, skin.get().key(), skin.get().title(), !skin.get().higherIsWorse(), null));
        return Arrays.stream(Attribute.values()).filter(Metric::numeric).filter(a -> a.key().equalsIgnoreCase(key)).findFirst()
                .map(a -> new Metric(Kind.ATTRIBUTE, a.key(), a.label(), a.direction() != Attribute.Direction.LOWER, target(a)));
    }

    public static Metric require(String name) {
        return of(name).orElseThrow(() -> new IllegalArgumentException("Unknown metric “" + name + "”: one of " + String.join(", ", names()) + "."));
    }

    /** Every key a tool accepts. */
    public static List<String> names() {
        var names = new ArrayList<String>();
        Arrays.stream(Attribute.values()).filter(Metric::numeric).forEach(a -> names.add(a.key()));
        names.add("score");
        Arrays.stream(SkinMetric.values()).forEach(m -> names.add(m.key()));
        return names;
    }

    /** The synonyms (single words), for the parser. */
    static Map<String, String> synonyms() {
        return SYNONYMS;
    }

    public boolean isSkin() {
        return kind == Kind.SKIN;
    }

    private static boolean numeric(Attribute a) {
        return a.kind() == Attribute.Kind.NUMBER && a.source() == Attribute.Source.CONTENT;
    }

    private static @Nullable Double target(Attribute a) {
        if (a.direction() != Attribute.Direction.TARGET) return null;
        return a == Attribute.BRIGHTNESS ? 0.5 : 0.0;
    }
}

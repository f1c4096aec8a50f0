package dev.lightbox.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The one catalogue of photo attributes: what the analyzer writes (and what other modules add to one
 * user's photo, like the personal score), each with its scale, which way is better, how it maps to a
 * 0..1 "goodness" for scoring, and its words for people. Analysis, scoring, the UI and taste all read
 * it; an attribute added here is weighable, shown and learnt from without edits elsewhere.
 *
 * <p>{@link #key()} is the attribute's name in a photo's {@code analysis.attributes}; {@link #weight()}
 * is its name in a scoring config's weights (they differ only for faces: the count is scored as
 * {@code faces}, while {@code faces} in the attributes are the face boxes).
 */
public enum Attribute {

    SHARPNESS("sharpness", "sharpness", "Sharpness", "Sharpness", Scale.unit("variance of the Laplacian v, as v / (v + 150)"),
            Direction.HIGHER, Kind.NUMBER, Source.CONTENT, v -> v),
    EXPOSURE("exposure", "exposure", "Exposure", "Exposure ok", Scale.levels("under", "ok", "over"), Direction.TARGET, Kind.LEVEL,
            Source.CONTENT, v -> v),
    BRIGHTNESS("brightness", "brightness", "Brightness", "Mid-tone brightness", Scale.unit("mean luminance"), Direction.TARGET, Kind.NUMBER,
            Source.CONTENT, v -> 1 - Math.min(1, Math.abs(v - 0.5) * 2)),
    SHADOW_CLIPPING("shadowClipping", "shadowClipping", "Shadows clipped", "Few clipped shadows", Scale.unit("share of pixels at 0–8"),
            Direction.LOWER, Kind.NUMBER, Source.CONTENT, v -> 1 - Math.min(1, v * 4)),
    HIGHLIGHT_CLIPPING("highlightClipping", "highlightClipping", "Highlights clipped", "Few clipped highlights",
            Scale.unit("share of pixels at 247–255"), Direction.LOWER, Kind.NUMBER, Source.CONTENT, v -> 1 - Math.min(1, v * 4)),
    CONTRAST("contrast", "contrast", "Contrast", "Contrast", Scale.unit("luminance σ / 128"), Direction.HIGHER, Kind.NUMBER, Source.CONTENT,
            v -> v),
    COLORFULNESS("colorfulness", "colorfulness", "Colourfulness", "Colourfulness",
            new Scale("Hasler–Süsstrunk M: about 0 for grey, above 60 for vivid", 0, 100, List.of()), Direction.HIGHER, Kind.NUMBER,
            Source.CONTENT, v -> Math.min(1, v / 100)),
    SATURATION("saturation", "saturation", "Saturation", "Saturation", Scale.unit("mean HSV saturation"), Direction.HIGHER, Kind.NUMBER,
            Source.CONTENT, v -> v),
    NOISE("noise", "noise", "Noise", "Low noise", Scale.unit("estimated noise σ / 20"), Direction.LOWER, Kind.NUMBER, Source.CONTENT,
            v -> 1 - v),
    BRISQUE("brisque", "brisque", "BRISQUE quality", "BRISQUE quality", new Scale("BRISQUE: 0 best, 100 worst", 0, 100, List.of()),
            Direction.LOWER, Kind.NUMBER, Source.CONTENT, v -> 1 - Math.clamp(v / 100, 0, 1)),
    THIRDS("thirds", "thirds", "Rule of thirds", "Rule of thirds", Scale.unit("saliency near the thirds' crossings"), Direction.HIGHER,
            Kind.NUMBER, Source.CONTENT, v -> v),
    HORIZON_TILT("horizonTilt", "horizonTilt", "Horizon tilt", "Level horizon", new Scale("degrees, signed", -45, 45, List.of()),
            Direction.TARGET, Kind.NUMBER, Source.CONTENT, v -> 1 - Math.min(1, Math.abs(v) / 10)),
    HORIZON_CONFIDENCE("horizonConfidence", "", "Horizon found", "", new Scale(
            "0..1: the share of the frame's width the dominant near-horizontal line spans × how much the frame differs either side of it", 0, 1,
            List.of()), Direction.NONE, Kind.DETAIL, Source.CONTENT, v -> -1),
    FACE_COUNT("faceCount", "faces", "Faces", "Faces", new Scale("faces found", 0, 3, List.of()), Direction.HIGHER, Kind.NUMBER,
            Source.CONTENT, v -> Math.min(1, v)),
    FACE_BOXES("faces", "", "Face boxes", "", new Scale("x, y, w, h, confidence per face", 0, 0, List.of()), Direction.NONE, Kind.DETAIL,
            Source.CONTENT, v -> -1),
    FACE_DETECTOR("faceDetector", "", "Face detector", "", new Scale("the detector's name", 0, 0, List.of()), Direction.NONE, Kind.DETAIL,
            Source.CONTENT, v -> -1),
    PERCEPTUAL_HASH("perceptualHash", "", "Perceptual hash", "", new Scale("64-bit DCT pHash, 16 hex digits", 0, 0, List.of()),
            Direction.NONE, Kind.DETAIL, Source.CONTENT, v -> -1),
    PERSONAL("personal", "personal", "Personal score", "Personal (your ratings)",
            new Scale("predicted stars, 1–5, from your ratings", 1, 5, List.of()), Direction.HIGHER, Kind.NUMBER, Source.OWNER,
            v -> Math.clamp((v - 1) / 4, 0, 1)),
    VISION_CAPTION("vision.caption", "", "AI caption", "", Scale.text("one sentence from the remote vision model"), Direction.NONE, Kind.DETAIL,
            Source.OWNER, v -> -1),
    VISION_SUBJECTS("vision.subjects", "", "AI subjects", "", Scale.text("what the remote vision model saw, a list"), Direction.NONE, Kind.DETAIL,
            Source.OWNER, v -> -1),
    VISION_SETTING("vision.setting", "", "AI setting", "", Scale.text("where, by the remote vision model"), Direction.NONE, Kind.DETAIL,
            Source.OWNER, v -> -1),
    VISION_MOOD("vision.mood", "", "AI mood", "", Scale.text("the mood, by the remote vision model"), Direction.NONE, Kind.DETAIL, Source.OWNER,
            v -> -1),
    VISION_TAGS("vision.tags", "", "AI tags", "", Scale.text("keywords from the remote vision model, a list (searchable)"), Direction.NONE,
            Kind.DETAIL, Source.OWNER, v -> -1),
    VISION_AESTHETIC("vision.aesthetic", "aesthetic", "AI aesthetic mark", "Aesthetic (AI)",
            new Scale("the remote vision model's aesthetic mark, 1–10", 1, 10, List.of()), Direction.HIGHER, Kind.NUMBER, Source.OWNER,
            v -> Math.clamp((v - 1) / 9, 0, 1)),
    VISION_MODEL("vision.model", "", "AI model", "", Scale.text("the vision model that described the photo"), Direction.NONE, Kind.DETAIL,
            Source.OWNER, v -> -1);

    /** Which way is better: higher, lower, near a target (mid-tone, level, "ok"), or not scored at all. */
    public enum Direction { HIGHER, LOWER, TARGET, NONE }

    /** A number, one of a few levels (exposure), or detail kept for display only. */
    public enum Kind { NUMBER, LEVEL, DETAIL }

    /** Of the photo's bytes (analysed once per content), or of one user's photo (added by another module). */
    public enum Source { CONTENT, OWNER }

    /** What the values mean, their usual range ({@code min}..{@code max}) and, for levels, the levels. */
    public record Scale(String meaning, double min, double max, List<String> levels) {

        static Scale unit(String meaning) {
            return new Scale(meaning + ", 0..1", 0, 1, List.of());
        }

        static Scale text(String meaning) {
            return new Scale(meaning, 0, 0, List.of());
        }

        static Scale levels(String... levels) {
            return new Scale(String.join(" / ", levels), 0, 0, List.of(levels));
        }
    }

    private static final List<Attribute> WEIGHABLE = Arrays.stream(values()).filter(Attribute::isWeighable).toList();

    private final String key;
    private final String weight;
    private final String label;
    private final String weightLabel;
    private final Scale scale;
    private final Direction direction;
    private final Kind kind;
    private final Source source;
    private final DoubleUnaryOperator goodnessOfNumber;

    Attribute(String key, String weight, String label, String weightLabel, Scale scale, Direction direction, Kind kind, Source source,
              DoubleUnaryOperator goodnessOfNumber) {
        this.key = key;
        this.weight = weight;
        this.label = label;
        this.weightLabel = weightLabel;
        this.scale = scale;
        this.direction = direction;
        this.kind = kind;
        this.source = source;
        this.goodnessOfNumber = goodnessOfNumber;
    }

    /** The name in a photo's attributes. */
    public String key() {
        return key;
    }

    /** The name in a scoring config's weights (empty for detail that is not scored). */
    public String weight() {
        return weight;
    }

    /** What the attribute is, for people ("Shadows clipped"). */
    public String label() {
        return label;
    }

    /** What weighing it rewards, for people ("Few clipped shadows"). */
    public String weightLabel() {
        return weightLabel;
    }

    public Scale scale() {
        return scale;
    }

    public Direction direction() {
        return direction;
    }

    public Kind kind() {
        return kind;
    }

    public Source source() {
        return source;
    }

    /** Whether a scoring config may weigh it. */
    public boolean isWeighable() {
        return kind != Kind.DETAIL;
    }

    /** The stored value's 0..1 goodness (higher is better), or -1 when the value is missing or not scored. */
    public double goodness(@Nullable Object value) {
        if (kind == Kind.LEVEL) return value == null ? -1 : "ok".equals(value) ? 1 : 0.25;
        if (kind != Kind.NUMBER || !(value instanceof Number n)) return -1;
        return goodnessOfNumber.applyAsDouble(n.doubleValue());
    }

    /** The same, read from a photo's attributes. */
    public double goodness(Map<String, ?> attributes) {
        return goodness(attributes.get(key));
    }

    /** The attribute's value in a photo's attributes, as a number ({@code 0} when missing or not a number). */
    public double number(Map<String, ?> attributes) {
        return attributes.get(key) instanceof Number n ? n.doubleValue() : 0;
    }

    /**
     * Why {@code value} is not a value the analyzer could have written for this attribute (empty when it is
     * one): a device's sync is checked against it. Attributes of one user's photo ({@link Source#OWNER}) are never synced.
     */
    public Optional<String> problem(@Nullable Object value) {
        return AttributeBounds.problem(this, value);
    }

    /** The attributes a config can weigh, in display order. */
    public static List<Attribute> weighable() {
        return WEIGHABLE;
    }

    public static Optional<Attribute> byKey(String key) {
        return Arrays.stream(values()).filter(a -> a.key.equals(key)).findFirst();
    }

    public static Optional<Attribute> byWeight(String weight) {
        return WEIGHABLE.stream().filter(a -> a.weight.equals(weight)).findFirst();
    }
}

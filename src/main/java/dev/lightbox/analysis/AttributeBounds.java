package dev.lightbox.analysis;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What each content attribute's value may be when it comes from outside (a device's sync): the shape the
 * analyzer writes, with bounds that hold for anything it can produce (generous where the measure has no hard
 * limit, like colourfulness and BRISQUE). Owner attributes are never taken from a device.
 */
final class AttributeBounds {

    static final int MAX_FACES = 1_000;
    static final int MAX_DETECTOR_NAME = 100;
    /** Colourfulness M is at most about 470 for 8-bit colour; BRISQUE is about 0..150 in practice, negative for odd images. */
    static final double MAX_COLORFULNESS = 1_000;
    static final double BRISQUE_BOUND = 1_000;
    /** Face boxes and eye points are pixels of the upright original: no photo is larger than this on a side. */
    static final double MAX_PIXEL_COORDINATE = 1_000_000;
    private static final Set<String> FACE_BOX_KEYS = Set.of("x", "y", "w", "h", "confidence");
    private static final Set<String> FACE_POINT_KEYS = Set.of("rightEye", "leftEye");
    private static final Pattern PERCEPTUAL_HASH = Pattern.compile("[0-9a-fA-F]{16}");

    private AttributeBounds() {
    }

    static Optional<String> problem(Attribute attribute, @Nullable Object value) {
        if (attribute.source() != Attribute.Source.CONTENT) return Optional.of("is not an attribute of the photo's bytes; it cannot be synced.");
        if (value == null) return Optional.of("must not be null; leave the attribute out instead.");
        return Optional.ofNullable(switch (attribute) {
            case SHARPNESS, BRIGHTNESS, SHADOW_CLIPPING, HIGHLIGHT_CLIPPING, CONTRAST, SATURATION, NOISE, THIRDS, HORIZON_CONFIDENCE ->
                    number(value, 0, 1);
            case COLORFULNESS -> number(value, 0, MAX_COLORFULNESS);
            case BRISQUE -> number(value, -BRISQUE_BOUND, BRISQUE_BOUND);
            case HORIZON_TILT -> number(value, -90, 90);
            case EXPOSURE -> value instanceof String s && attribute.scale().levels().contains(s) ? null
                    : "must be one of " + String.join(", ", attribute.scale().levels()) + ".";
            case FACE_COUNT -> isInteger(value) && ((Number) value).doubleValue() >= 0 && ((Number) value).doubleValue() <= MAX_FACES ? null
                    : "must be a whole number from 0 to " + MAX_FACES + ".";
            case FACE_BOXES -> faces(value);
            case FACE_DETECTOR -> value instanceof String s && !s.isBlank() && s.length() <= MAX_DETECTOR_NAME ? null
                    : "must be the detector's name, at most " + MAX_DETECTOR_NAME + " characters.";
            case PERCEPTUAL_HASH -> value instanceof String s && PERCEPTUAL_HASH.matcher(s).matches() ? null : "must be 16 hex digits.";
            default -> "is not an attribute of the photo's bytes; it cannot be synced.";
        });
    }

    private static @Nullable String number(Object value, double min, double max) {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) return "must be a number from " + plain(min) + " to " + plain(max) + ".";
        double v = n.doubleValue();
        return v >= min && v <= max ? null : "must be from " + plain(min) + " to " + plain(max) + " (was " + v + ").";
    }

    private static @Nullable String faces(Object value) {
        if (!(value instanceof List<?> faces)) return "must be a list of face boxes {x, y, w, h, confidence}.";
        if (faces.size() > MAX_FACES) return "must hold at most " + MAX_FACES + " faces.";
        for (int i = 0; i < faces.size(); i++) {
            String problem = face(faces.get(i));
            if (problem != null) return "face " + i + " " + problem;
        }
        return null;
    }

    private static @Nullable String face(@Nullable Object value) {
        if (!(value instanceof Map<?, ?> face)) return "must be an object {x, y, w, h, confidence}.";
        for (String key : FACE_BOX_KEYS) {
            double max = key.equals("confidence") ? 1 : MAX_PIXEL_COORDINATE;
            if (!(face.get(key) instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0 || n.doubleValue() > max) {
                return "needs " + key + ", a number from 0 to " + plain(max) + ".";
            }
        }
        for (Object key : face.keySet()) {
            if (FACE_BOX_KEYS.contains(key)) continue;
            if (!FACE_POINT_KEYS.contains(key)) return "has an unknown field " + key + ".";
            if (!(face.get(key) instanceof List<?> point) || point.size() != 2 || !point.stream().allMatch(AttributeBounds::isCoordinate)) {
                return "needs " + key + " as [x, y], two numbers.";
            }
        }
        return null;
    }

    private static boolean isCoordinate(@Nullable Object value) {
        return value instanceof Number n && Double.isFinite(n.doubleValue()) && Math.abs(n.doubleValue()) <= MAX_PIXEL_COORDINATE;
    }

    private static boolean isInteger(Object value) {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) return false;
        return n.doubleValue() == Math.rint(n.doubleValue());
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

package dev.lightbox.transform.pipeline;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a style's parameters against its {@link ParamSpec}s: every value checked against its bounds, every
 * unknown name refused, and the checked object ({@link #checked()}) holding each parameter with its default
 * filled in.
 */
final class ParamReader {

    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

    private final JsonNode params;
    private final ObjectNode checked = JsonNodeFactory.instance.objectNode();

    ParamReader(List<ParamSpec> specs, @Nullable JsonNode params) {
        this.params = params == null || params.isNull() || params.isMissingNode() ? JsonNodeFactory.instance.objectNode() : params;
        if (!this.params.isObject()) throw new InvalidStyleException(null, "The parameters must be a JSON object.");
        Set<String> known = new HashSet<>();
        for (ParamSpec spec : specs) known.add(spec.name());
        for (String name : this.params.propertyNames()) {
            if (!known.contains(name)) throw new InvalidStyleException(name, "unknown parameter");
        }
    }

    static ParamSpec number(String name, String label, double defaultValue, double min, double max, double step, String description) {
        return new ParamSpec(name, label, "number", defaultValue, min, max, step, List.of(), false, description);
    }

    static ParamSpec choice(String name, String label, String defaultValue, List<String> choices, String description) {
        return new ParamSpec(name, label, "choice", defaultValue, null, null, null, choices, false, description);
    }

    static ParamSpec colour(String name, String label, String defaultValue, String description) {
        return new ParamSpec(name, label, "colour", defaultValue, null, null, null, List.of(), false, description);
    }

    static ParamSpec photo(String name, String label, boolean required, String description) {
        return new ParamSpec(name, label, "photo", null, null, null, null, List.of(), required, description);
    }

    double number(ParamSpec spec) {
        JsonNode value = params.get(spec.name());
        double number;
        if (value == null || value.isNull()) {
            number = ((Number) java.util.Objects.requireNonNull(spec.defaultValue())).doubleValue();
        } else {
            if (!value.isNumber()) throw new InvalidStyleException(spec.name(), "must be a number");
            number = value.doubleValue();
            double min = java.util.Objects.requireNonNull(spec.min());
            double max = java.util.Objects.requireNonNull(spec.max());
            if (!Double.isFinite(number) || number < min || number > max) {
                throw new InvalidStyleException(spec.name(), "must be between " + plain(min) + " and " + plain(max));
            }
        }
        checked.put(spec.name(), number);
        return number;
    }

    String choice(ParamSpec spec) {
        String choice = text(spec, (String) java.util.Objects.requireNonNull(spec.defaultValue()));
        if (!spec.choices().contains(choice)) throw new InvalidStyleException(spec.name(), "must be one of " + String.join(", ", spec.choices()));
        checked.put(spec.name(), choice);
        return choice;
    }

    /** A colour {@code #rrggbb} as its blue, green, red values. */
    double[] colour(ParamSpec spec) {
        String colour = text(spec, (String) java.util.Objects.requireNonNull(spec.defaultValue()));
        if (!COLOUR.matcher(colour).matches()) throw new InvalidStyleException(spec.name(), "must be a colour #rrggbb");
        checked.put(spec.name(), colour.toLowerCase(Locale.ROOT));
        int rgb = Integer.parseInt(colour.substring(1), 16);
        return new double[] {rgb & 0xff, (rgb >> 8) & 0xff, (rgb >> 16) & 0xff};
    }

    Optional<UUID> photo(ParamSpec spec) {
        JsonNode value = params.get(spec.name());
        if (value == null || value.isNull()) {
            if (spec.required()) throw new InvalidStyleException(spec.name(), "is required: the id of one of your photos");
            checked.putNull(spec.name());
            return Optional.empty();
        }
        if (!value.isString()) throw new InvalidStyleException(spec.name(), "must be a photo id");
        try {
            UUID id = UUID.fromString(value.stringValue());
            checked.put(spec.name(), id.toString());
            return Optional.of(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidStyleException(spec.name(), "must be a photo id");
        }
    }

    private String text(ParamSpec spec, String defaultValue) {
        JsonNode value = params.get(spec.name());
        if (value == null || value.isNull()) return defaultValue;
        if (!value.isString()) throw new InvalidStyleException(spec.name(), "must be a string");
        return value.stringValue();
    }

    ObjectNode checked() {
        return checked;
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}

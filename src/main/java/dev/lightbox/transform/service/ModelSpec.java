package dev.lightbox.transform.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an admin says about an ONNX model when installing it. The model's input is {@code width}×{@code height}
 * pixels in {@code layout} (NCHW or NHWC) and {@code channels} order (RGB or BGR), each value
 * ((pixel·scale) − mean[c]) / std[c]; a style model's output is read back with the inverse, a depth model's
 * output is min–max normalised. kind {@code style} runs as the style {@code onnx:<name>}; kind {@code depth}
 * feeds the pipeline's depth step.
 */
public record ModelSpec(String name, String kind, String title, int width, int height, String layout, String channels,
                        double scale, List<Double> mean, List<Double> std) {

    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    public static final int MAX_SIDE = 4096;
    public static final String STYLE = "style";
    public static final String DEPTH = "depth";

    public boolean depth() {
        return DEPTH.equals(kind);
    }

    public boolean nhwc() {
        return "NHWC".equals(layout);
    }

    public boolean bgr() {
        return "BGR".equals(channels);
    }

    /** Reads the spec JSON the admin sent; every field it gets wrong is named in the exception's message. */
    public static ModelSpec parse(@Nullable String text, JsonMapper json) {
        if (text == null || text.isBlank()) throw new InvalidModelException("spec: send the model's spec as the form field 'spec' (JSON).");
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidModelException("spec: not valid JSON.");
        }
        if (!node.isObject()) throw new InvalidModelException("spec: must be a JSON object.");
        var problems = new ArrayList<String>();
        String name = node.path("name").asString("");
        if (!NAME.matcher(name).matches()) {
            problems.add("name: 1–64 characters of a–z, 0–9 and '-', starting with a letter or digit");
        }
        String kind = node.path("kind").asString("");
        if (!STYLE.equals(kind) && !DEPTH.equals(kind)) problems.add("kind: 'style' or 'depth'");
        String title = node.path("title").asString("").strip();
        if (title.isEmpty()) title = name;
        if (title.length() > 200 || title.chars().anyMatch(Character::isISOControl)) problems.add("title: at most 200 printable characters");
        int width = side(node, "width", problems);
        int height = side(node, "height", problems);
        String layout = node.path("layout").asString("NCHW").toUpperCase(Locale.ROOT);
        if (!layout.equals("NCHW") && !layout.equals("NHWC")) problems.add("layout: 'NCHW' or 'NHWC'");
        String channels = node.path("channels").asString("RGB").toUpperCase(Locale.ROOT);
        if (!channels.equals("RGB") && !channels.equals("BGR")) problems.add("channels: 'RGB' or 'BGR'");
        double scale = 1.0 / 255;
        if (node.has("scale")) {
            scale = node.get("scale").isNumber() ? node.get("scale").asDouble() : Double.NaN;
            if (!Double.isFinite(scale) || scale == 0) problems.add("scale: a finite number other than 0");
        }
        List<Double> mean = triple(node, "mean", 0.0, false, problems);
        List<Double> std = triple(node, "std", 1.0, true, problems);
        if (!problems.isEmpty()) throw new InvalidModelException("spec: " + String.join("; ", problems) + ".");
        return new ModelSpec(name, kind, title, width, height, layout, channels, scale, mean, std);
    }

    private static int side(JsonNode node, String field, List<String> problems) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > MAX_SIDE) {
            problems.add(field + ": the model's input " + field + " in pixels, 1–" + MAX_SIDE);
            return 0;
        }
        return value.asInt();
    }

    private static List<Double> triple(JsonNode node, String field, double fallback, boolean nonZero, List<String> problems) {
        if (!node.has(field)) return List.of(fallback, fallback, fallback);
        JsonNode value = node.get(field);
        var numbers = new ArrayList<Double>();
        if (value.isArray() && value.size() == 3) {
            for (JsonNode n : value) {
                if (n.isNumber() && Double.isFinite(n.asDouble()) && !(nonZero && n.asDouble() == 0)) numbers.add(n.asDouble());
            }
        }
        if (numbers.size() != 3) {
            problems.add(field + ": three finite numbers, one per channel in the spec's channel order" + (nonZero ? ", none 0" : ""));
            return List.of(fallback, fallback, fallback);
        }
        return List.copyOf(numbers);
    }
}

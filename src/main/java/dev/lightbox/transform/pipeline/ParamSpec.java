package dev.lightbox.transform.pipeline;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One documented parameter of a style, as {@code GET /api/v1/transforms/styles} lists it and the Restyle
 * dialog draws it. type: {@code number} (min, max, step), {@code choice} (choices), {@code colour}
 * ({@code #rrggbb}), {@code photo} (the id of another photo of the caller's; defaultValue null).
 */
public record ParamSpec(
        String name, String label, String type, @Nullable Object defaultValue, @Nullable Double min, @Nullable Double max,
        @Nullable Double step, List<String> choices, boolean required, String description) {}

package dev.lightbox.transform.pipeline;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A built-in style: how it is described, its parameters read into a typed record that generates, how strictly its result is validated. */
interface BuiltInStyle {

    StyleInfo info();

    /** @throws InvalidStyleException naming the bad parameter */
    CheckedStyle check(@Nullable JsonNode params);

    default String id() {
        return info().id();
    }
}

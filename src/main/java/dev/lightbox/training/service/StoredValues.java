package dev.lightbox.training.service;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads a value a model's stored JSON (config, input.json) must hold, naming the key when it does not. */
final class StoredValues {

    private StoredValues() {
    }

    static Number number(Map<String, ?> map, String key) {
        if (map.get(key) instanceof Number n) return n;
        throw new IllegalStateException("The stored model settings lack the number '" + key + "'");
    }

    static String text(Map<String, ?> map, String key) {
        if (map.get(key) instanceof String s) return s;
        throw new IllegalStateException("The stored model settings lack the text '" + key + "'");
    }

    static double numberOr(@Nullable Map<String, ?> map, String key, double otherwise) {
        return map != null && map.get(key) instanceof Number n ? n.doubleValue() : otherwise;
    }
}

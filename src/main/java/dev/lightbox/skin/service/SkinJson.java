package dev.lightbox.skin.service;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The stored JSON of an analysis: values and polygons keyed by region JSON names ({@code leftCheek}). */
@Component
class SkinJson {

    private static final TypeReference<Map<String, SkinValues>> VALUES_BY_REGION = new TypeReference<>() { };
    private static final TypeReference<Map<String, List<double[]>>> POLYGONS_BY_REGION = new TypeReference<>() { };

    private final JsonMapper json;

    SkinJson(JsonMapper json) {
        this.json = json;
    }

    String write(Object value) {
        return json.writeValueAsString(value);
    }

    String writeByRegion(Map<SkinRegion, ?> byRegion) {
        var keyed = new LinkedHashMap<String, Object>();
        byRegion.forEach((region, value) -> keyed.put(region.key(), value));
        return json.writeValueAsString(keyed);
    }

    @Nullable SkinValues values(@Nullable String text) {
        return text == null ? null : json.readValue(text, SkinValues.class);
    }

    @Nullable SkinDetails details(@Nullable String text) {
        return text == null ? null : json.readValue(text, SkinDetails.class);
    }

    Map<SkinRegion, SkinValues> regions(@Nullable String text) {
        return text == null ? Map.of() : byRegion(json.readValue(text, VALUES_BY_REGION));
    }

    Map<SkinRegion, List<double[]>> polygons(@Nullable String text) {
        return text == null ? Map.of() : byRegion(json.readValue(text, POLYGONS_BY_REGION));
    }

    private static <V> Map<SkinRegion, V> byRegion(Map<String, V> keyed) {
        var regions = new EnumMap<SkinRegion, V>(SkinRegion.class);
        keyed.forEach((key, value) -> SkinRegion.of(key).ifPresent(region -> regions.put(region, value)));
        return regions;
    }
}

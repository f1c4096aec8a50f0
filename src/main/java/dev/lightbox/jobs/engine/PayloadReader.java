package dev.lightbox.jobs.engine;

import dev.lightbox.jobs.JobType;
import java.lang.reflect.RecordComponent;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a job row's JSON payload into its type's record. A field the record needs (a component not
 * marked {@code @Nullable}) that is missing or null, or a value of the wrong kind, is an
 * {@link InvalidPayloadException} naming the type and the field: no retry could mend it.
 */
@Component
class PayloadReader {

    private final JsonMapper json;

    PayloadReader(JsonMapper json) {
        this.json = json;
    }

    <P extends Record> P read(JobType<P> type, @Nullable String payload) {
        if (payload == null) throw new InvalidPayloadException(type, "there is none");
        try {
            JsonNode tree = json.readTree(payload);
            if (!tree.isObject()) throw new InvalidPayloadException(type, "it is not a JSON object");
            for (RecordComponent component : type.payloadType().getRecordComponents()) {
                JsonNode value = tree.get(component.getName());
                boolean optional = component.getAnnotatedType().isAnnotationPresent(Nullable.class);
                if (!optional && (value == null || value.isNull())) throw new InvalidPayloadException(type, "field '" + component.getName() + "' is missing");
            }
            return json.treeToValue(tree, type.payloadType());
        } catch (JacksonException e) {
            throw new InvalidPayloadException(type, field(e) + e.getOriginalMessage());
        }
    }

    private static String field(JacksonException e) {
        String path = e.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "" : "field '" + path + "': ";
    }

    /** A payload that does not fit its job type's record. */
    static final class InvalidPayloadException extends RuntimeException {
        InvalidPayloadException(JobType<?> type, String reason) {
            super("The payload does not fit job type " + type.name() + " (" + type.payloadType().getSimpleName() + "): " + reason);
        }
    }
}

package dev.lightbox.jobs;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kind of job, declared once next to its handler: the {@code name} stored in every job row and shown
 * by the API (never rename one: queued rows and API clients know it), the {@code title} people read, the
 * queue it runs on unless the request says otherwise, and the record its payload is read into (by
 * Jackson, from the row's JSON: the record's component names are the JSON field names).
 */
public record JobType<P extends Record>(String name, String title, JobQueue queue, Class<P> payloadType) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");

    public JobType {
        Objects.requireNonNull(payloadType, "payloadType");
        if (name == null || !NAME.matcher(name).matches()) throw new IllegalArgumentException("job type name: module.kind, got " + name);
        if (title == null || title.isBlank()) throw new IllegalArgumentException("job type " + name + " needs a title");
        Objects.requireNonNull(queue, "queue");
    }

    public static <P extends Record> JobType<P> of(String name, String title, JobQueue queue, Class<P> payloadType) {
        return new JobType<>(name, title, queue, payloadType);
    }

    /** Whether a job (row or event) of this type name is of this type. */
    public boolean is(String typeName) {
        return name.equals(typeName);
    }

    @Override
    public String toString() {
        return name;
    }
}

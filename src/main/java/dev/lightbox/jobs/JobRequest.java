package dev.lightbox.jobs;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A job to enqueue: its type and payload, on the type's queue unless {@link #onQueue} says otherwise.
 * {@code dedupeKey}: at most one queued, running or succeeded job per key (enqueueing again returns the
 * existing one); {@code subjectId}: what the job is about (a photo), to list its jobs; {@code delay}: not
 * before this long from now (the job's {@code run_after}).
 */
public record JobRequest<P extends Record>(
        JobType<P> type,
        P payload,
        JobQueue queue,
        @Nullable UUID ownerId,
        int priority,
        int maxAttempts,
        @Nullable UUID subjectId,
        @Nullable String dedupeKey,
        Duration delay) {

    public JobRequest {
        Objects.requireNonNull(type, "type");
        if (!type.payloadType().isInstance(payload)) {
            throw new IllegalArgumentException("job type " + type.name() + " takes a " + type.payloadType().getSimpleName() + " payload");
        }
    }

    public static <P extends Record> JobRequest<P> of(JobType<P> type, @Nullable UUID ownerId, P payload) {
        return new JobRequest<>(type, payload, type.queue(), ownerId, 0, 3, null, null, Duration.ZERO);
    }

    public JobRequest<P> onQueue(JobQueue value) {
        return new JobRequest<>(type, payload, value, ownerId, priority, maxAttempts, subjectId, dedupeKey, delay);
    }

    public JobRequest<P> withPriority(int value) {
        return new JobRequest<>(type, payload, queue, ownerId, value, maxAttempts, subjectId, dedupeKey, delay);
    }

    public JobRequest<P> withMaxAttempts(int value) {
        return new JobRequest<>(type, payload, queue, ownerId, priority, value, subjectId, dedupeKey, delay);
    }

    public JobRequest<P> about(UUID subject) {
        return new JobRequest<>(type, payload, queue, ownerId, priority, maxAttempts, subject, dedupeKey, delay);
    }

    public JobRequest<P> dedupedBy(String key) {
        return new JobRequest<>(type, payload, queue, ownerId, priority, maxAttempts, subjectId, key, delay);
    }

    public JobRequest<P> delayedBy(Duration value) {
        return new JobRequest<>(type, payload, queue, ownerId, priority, maxAttempts, subjectId, dedupeKey, value);
    }
}

package dev.lightbox.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A job to enqueue. {@code dedupeKey}: at most one queued, running or succeeded job per key (enqueueing
 * again returns the existing one); {@code subjectId}: what the job is about (a photo), to list its jobs;
 * {@code delay}: not before this long from now (the job's {@code run_after}).
 */
public record JobRequest(
        String type,
        JobQueue queue,
        @Nullable UUID ownerId,
        Map<String, Object> payload,
        int priority,
        int maxAttempts,
        @Nullable UUID subjectId,
        @Nullable String dedupeKey,
        Duration delay) {

    public static JobRequest of(String type, JobQueue queue, @Nullable UUID ownerId, Map<String, Object> payload) {
        return new JobRequest(type, queue, ownerId, payload, 0, 3, null, null, Duration.ZERO);
    }

    public JobRequest withPriority(int value) {
        return new JobRequest(type, queue, ownerId, payload, value, maxAttempts, subjectId, dedupeKey, delay);
    }

    public JobRequest withMaxAttempts(int value) {
        return new JobRequest(type, queue, ownerId, payload, priority, value, subjectId, dedupeKey, delay);
    }

    public JobRequest about(UUID subject) {
        return new JobRequest(type, queue, ownerId, payload, priority, maxAttempts, subject, dedupeKey, delay);
    }

    public JobRequest dedupedBy(String key) {
        return new JobRequest(type, queue, ownerId, payload, priority, maxAttempts, subjectId, key, delay);
    }

    public JobRequest delayedBy(Duration value) {
        return new JobRequest(type, queue, ownerId, payload, priority, maxAttempts, subjectId, dedupeKey, value);
    }
}

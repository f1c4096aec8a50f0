package dev.lightbox.jobs.api;

import dev.lightbox.jobs.JobEvent;
import dev.lightbox.jobs.JobTypes;
import dev.lightbox.jobs.JobView;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A job in the REST API; {@code title}: the human name of its type. */
public record JobJson(UUID id, String type, String title, String queue, String status, double progress, @Nullable String step,
                      @Nullable String message, @Nullable String error, int attempts, int maxAttempts, @Nullable UUID subjectId,
                      Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt) {

    public static JobJson of(JobView j, JobTypes types) {
        return new JobJson(j.id(), j.type(), types.title(j.type()), j.queue().column(), j.status().name(), j.progress(), j.step(), j.message(), j.error(),
                j.attempts(), j.maxAttempts(), j.subjectId(), j.createdAt(), j.startedAt(), j.finishedAt());
    }

    /** The compact form streamed as an event. */
    record Event(UUID id, String status, double progress, @Nullable String step, @Nullable String message) {
        static Event of(JobEvent e) {
            return new Event(e.id(), e.status().name(), e.progress(), e.step(), e.message());
        }

        static Event of(JobView j) {
            return new Event(j.id(), j.status().name(), j.progress(), j.step(), j.message());
        }
    }
}

package dev.lightbox.jobs;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A job's state right after a change on any node: what progress bars and event streams show. {@code version}
 * rises with each change of the job in commit order: of two states of one job, the higher version is newer.
 */
public record JobEvent(UUID id, @Nullable UUID ownerId, String type, JobStatus status, double progress,
                       @Nullable String step, @Nullable String message, @Nullable UUID subjectId, long version) {
}

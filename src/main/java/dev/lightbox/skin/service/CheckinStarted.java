package dev.lightbox.skin.service;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A photo accepted into the diary and the {@code skin.analyse} job that measures it: null while the check-in
 * waits for the photo's analysis (its faces), which queues the job.
 */
public record CheckinStarted(UUID photoId, @Nullable UUID jobId) {
}

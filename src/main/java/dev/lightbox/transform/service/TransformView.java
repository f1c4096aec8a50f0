package dev.lightbox.transform.service;

import dev.lightbox.transform.pipeline.TransformStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A transform as its owner sees it: every field of the REST {@code Transform} JSON. {@code step} and the steps'
 * names are {@code Step.id()}, their status {@code StepStatus.id()}; {@code result} is null unless completed.
 */
public record TransformView(
        UUID id, UUID photoId, String style, JsonNode params, TransformStatus status, @Nullable String step, double progress,
        @Nullable String message, @Nullable String error, List<StepView> steps, @Nullable Result result, @Nullable Instant expiresAt,
        Instant createdAt, @Nullable Instant finishedAt, @Nullable UUID savedPhotoId, @Nullable UUID jobId) {

    /** One reported step: {@code ms} its duration (so far, while it runs). */
    public record StepView(String name, String status, long ms, @Nullable String message) {
    }

    /** The stored result image's upright size and its JPEG's bytes. */
    public record Result(int width, int height, long bytes) {
    }
}

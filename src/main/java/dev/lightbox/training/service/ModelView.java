package dev.lightbox.training.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A model and its training run as its owner sees them. {@code status}: QUEUED, RUNNING, COMPLETED,
 * FAILED, CANCELLED; {@code state}: the lifecycle step (INITIALIZING … COMPLETED). {@code history}: one
 * entry per epoch ({@code epoch, loss, accuracy, validationAccuracy}). {@code metrics}: accuracy,
 * perClass (precision, recall), confusion (rows: true label, columns: predicted), in label order.
 * {@code warnings}: what the dataset checks found and, once evaluated, whether the held-out accuracy says
 * anything ({@link HeldOutCheck}); a model with warnings is still published, never silently.
 */
@org.springframework.modulith.NamedInterface("models")
public record ModelView(UUID id, String name, List<String> labels, String architecture, Map<String, Object> config, String status,
                        String state, @Nullable UUID jobId, @Nullable String device, @Nullable String message, @Nullable String error,
                        List<Map<String, Object>> history, @Nullable Map<String, Object> metrics, List<String> warnings, @Nullable Double samplesPerSecond,
                        boolean active, List<Version> versions, Instant createdAt, @Nullable Instant finishedAt) {

    @org.springframework.modulith.NamedInterface("models")
    public record Version(int version, Map<String, Object> metrics, long sizeBytes, Instant createdAt) {
    }

    public static final List<String> STATES = List.of("INITIALIZING", "ANALYZING", "LOADING_DATASET", "PREPARING_MODEL", "TRAINING",
            "EVALUATING", "DEPLOYING", "COMPLETED");
}

package dev.lightbox.transform.service;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One row of the model registry: the spec it was installed with and where its file lives. */
public record InstalledModel(String name, String kind, String title, ModelSpec spec, String objectKey, String sha256, long sizeBytes,
                             @Nullable UUID installedBy, Instant installedAt) {
}

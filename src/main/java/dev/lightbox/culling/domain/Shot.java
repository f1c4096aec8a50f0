package dev.lightbox.culling.domain;

import java.time.LocalDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What grouping knows of one photo: when it was taken (and whether the camera said so), by which camera
 * ({@code make model}, null when unknown) and its perceptual hash ({@code hashed} false while not analysed).
 */
public record Shot(UUID photoId, LocalDateTime takenAt, boolean takenAtFromCamera, @Nullable String camera, long hash, boolean hashed) {
}

package dev.lightbox.library.domain;

import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * What the file's header says: stored dimensions, EXIF orientation (1-8), capture time, camera and GPS.
 * Orientations 5-8 rotate by 90°, so the upright width is the stored height.
 */
public record PhotoMetadata(
        int storedWidth,
        int storedHeight,
        int orientation,
        @Nullable LocalDateTime takenAt,
        @Nullable String cameraMake,
        @Nullable String cameraModel,
        @Nullable String lens,
        @Nullable Double fNumber,
        @Nullable Double exposureSeconds,
        @Nullable Integer iso,
        @Nullable Double focalLengthMm,
        @Nullable Double gpsLatitude,
        @Nullable Double gpsLongitude) {

    public boolean rotatesQuarterTurn() {
        return orientation >= 5 && orientation <= 8;
    }

    public int uprightWidth() {
        return rotatesQuarterTurn() ? storedHeight : storedWidth;
    }

    public int uprightHeight() {
        return rotatesQuarterTurn() ? storedWidth : storedHeight;
    }

    public long pixels() {
        return (long) storedWidth * storedHeight;
    }
}

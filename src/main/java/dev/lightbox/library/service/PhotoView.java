package dev.lightbox.library.service;

import dev.lightbox.library.domain.ImageFormat;
import dev.lightbox.library.domain.Photo;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A photo as views and the API show it to its owner. */
public record PhotoView(
        UUID id,
        String sha256,
        long sizeBytes,
        ImageFormat format,
        int width,
        int height,
        LocalDateTime takenAt,
        boolean takenAtFromCamera,
        Instant uploadedAt,
        @Nullable String originalName,
        @Nullable String cameraMake,
        @Nullable String cameraModel,
        @Nullable String lens,
        @Nullable Double fNumber,
        @Nullable Double exposureSeconds,
        @Nullable Integer iso,
        @Nullable Double focalLengthMm,
        @Nullable Double gpsLatitude,
        @Nullable Double gpsLongitude,
        PhotoFlag flag,
        PhotoSource source,
        @Nullable Instant trashedAt) {

    /** Whether the original bytes are on the server (uploaded); a synced photo has only its hash, metadata and attributes. */
    public boolean hasOriginal() {
        return source == PhotoSource.UPLOAD;
    }

    /** The name the photo was uploaded under, or one made from its hash and format (for a file that holds it, e.g. in an export). */
    public String fileName() {
        if (originalName != null && !originalName.isBlank()) return originalName;
        String extension = switch (format) {
            case JPEG -> ".jpg";
            case PNG -> ".png";
            case WEBP -> ".webp";
            case TIFF -> ".tif";
        };
        return sha256.substring(0, 16) + extension;
    }

    /** Whether the owner moved it to the trash. */
    public boolean trashed() {
        return trashedAt != null;
    }

    public static PhotoView of(Photo p) {
        return new PhotoView(p.getId(), p.getSha256(), p.getSizeBytes(), p.getFormat(), p.getWidth(), p.getHeight(),
                p.getTakenAt(), p.getTakenAtSource() == Photo.TakenAtSource.EXIF, p.getUploadedAt(), p.getOriginalName(),
                p.getCameraMake(), p.getCameraModel(), p.getLens(), p.getFNumber(), p.getExposureSeconds(), p.getIso(),
                p.getFocalLengthMm(), p.getGpsLatitude(), p.getGpsLongitude(), PhotoFlag.valueOf(p.getFlag()),
                PhotoSource.fromColumn(p.getSource()), p.getTrashedAt());
    }
}

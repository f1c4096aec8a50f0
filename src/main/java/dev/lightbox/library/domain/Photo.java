package dev.lightbox.library.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One photo in one user's library. The bytes live in the object store under {@code originals/{sha256}},
 * shared by every user who uploaded the same bytes. Width and height are upright (orientation applied).
 */
@Entity
@Table(name = "photos")
public class Photo {

    public enum TakenAtSource { EXIF, UPLOAD }

    @Id
    private UUID id;
    @Column(name = "owner_id", nullable = false)
    private UUID ownerId;
    @Column(nullable = false)
    private String sha256;
    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ImageFormat format;
    @Column(nullable = false)
    private int width;
    @Column(nullable = false)
    private int height;
    @Column(nullable = false)
    private short orientation;
    /** Local wall-clock time of capture (EXIF has no zone), or of upload in the server's zone. */
    @Column(name = "taken_at", nullable = false)
    private LocalDateTime takenAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "taken_at_source", nullable = false)
    private TakenAtSource takenAtSource;
    @Column(name = "uploaded_at", nullable = false)
    private Instant uploadedAt;
    @Column(name = "original_name")
    private @Nullable String originalName;
    @Column(name = "camera_make")
    private @Nullable String cameraMake;
    @Column(name = "camera_model")
    private @Nullable String cameraModel;
    private @Nullable String lens;
    @Column(name = "f_number")
    private @Nullable Double fNumber;
    @Column(name = "exposure_seconds")
    private @Nullable Double exposureSeconds;
    private @Nullable Integer iso;
    @Column(name = "focal_length_mm")
    private @Nullable Double focalLengthMm;
    @Column(name = "gps_latitude")
    private @Nullable Double gpsLatitude;
    @Column(name = "gps_longitude")
    private @Nullable Double gpsLongitude;
    /** NONE, PICKED or REJECTED (see 018-photo-flags); changed only through the repository's setFlag. */
    @Column(nullable = false, insertable = false, updatable = false)
    private String flag = "NONE";
    /** {@code upload} (the original is stored) or {@code sync} (analysed on the owner's device, no original here). */
    @Column(nullable = false)
    private String source = "upload";
    /** When the owner moved the photo to the trash (null: live); changed only through the repository's trash and restore. */
    @Column(name = "trashed_at", insertable = false, updatable = false)
    private @Nullable Instant trashedAt;

    protected Photo() {
    }

    public Photo(UUID ownerId, String sha256, long sizeBytes, ImageFormat format, PhotoMetadata metadata,
                 LocalDateTime uploadLocalTime, Instant uploadedAt, @Nullable String originalName) {
        this.id = UUID.randomUUID();
        this.ownerId = ownerId;
        this.sha256 = sha256;
        this.takenAt = metadata.takenAt() != null ? metadata.takenAt() : uploadLocalTime;
        this.takenAtSource = metadata.takenAt() != null ? TakenAtSource.EXIF : TakenAtSource.UPLOAD;
        this.uploadedAt = uploadedAt;
        this.originalName = originalName;
        describeFile(sizeBytes, format, metadata);
    }

    /**
     * A synced photo gains its original: what the uploaded file says (size, format, dimensions, orientation,
     * metadata) replaces what the device sent; a capture time only the device knew is kept.
     */
    public void gainOriginal(long sizeBytes, ImageFormat format, PhotoMetadata metadata, Instant uploadedAt, @Nullable String originalName) {
        if (metadata.takenAt() != null) {
            this.takenAt = metadata.takenAt();
            this.takenAtSource = TakenAtSource.EXIF;
        }
        this.uploadedAt = uploadedAt;
        if (originalName != null) this.originalName = originalName;
        describeFile(sizeBytes, format, metadata);
        this.source = "upload";
    }

    /** What the stored file itself says: its size, format, upright dimensions, orientation and camera facts. */
    private void describeFile(long sizeBytes, ImageFormat format, PhotoMetadata metadata) {
        this.sizeBytes = sizeBytes;
        this.format = format;
        this.width = metadata.uprightWidth();
        this.height = metadata.uprightHeight();
        this.orientation = (short) metadata.orientation();
        this.cameraMake = metadata.cameraMake();
        this.cameraModel = metadata.cameraModel();
        this.lens = metadata.lens();
        this.fNumber = metadata.fNumber();
        this.exposureSeconds = metadata.exposureSeconds();
        this.iso = metadata.iso();
        this.focalLengthMm = metadata.focalLengthMm();
        this.gpsLatitude = metadata.gpsLatitude();
        this.gpsLongitude = metadata.gpsLongitude();
    }

    public UUID getId() { return id; }
    public UUID getOwnerId() { return ownerId; }
    public String getSha256() { return sha256; }
    public long getSizeBytes() { return sizeBytes; }
    public ImageFormat getFormat() { return format; }
    public int getWidth() { return width; }
    public int getHeight() { return height; }
    public int getOrientation() { return orientation; }
    public LocalDateTime getTakenAt() { return takenAt; }
    public TakenAtSource getTakenAtSource() { return takenAtSource; }
    public Instant getUploadedAt() { return uploadedAt; }
    public @Nullable String getOriginalName() { return originalName; }
    public @Nullable String getCameraMake() { return cameraMake; }
    public @Nullable String getCameraModel() { return cameraModel; }
    public @Nullable String getLens() { return lens; }
    public @Nullable Double getFNumber() { return fNumber; }
    public @Nullable Double getExposureSeconds() { return exposureSeconds; }
    public @Nullable Integer getIso() { return iso; }
    public @Nullable Double getFocalLengthMm() { return focalLengthMm; }
    public @Nullable Double getGpsLatitude() { return gpsLatitude; }
    public @Nullable Double getGpsLongitude() { return gpsLongitude; }
    public String getFlag() { return flag; }
    public String getSource() { return source; }
    public boolean hasOriginal() { return "upload".equals(source); }
    public @Nullable Instant getTrashedAt() { return trashedAt; }
}

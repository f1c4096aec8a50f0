package dev.lightbox.library.service;

import dev.lightbox.library.domain.ImageFormat;
import dev.lightbox.library.domain.PhotoMetadata;
import dev.lightbox.library.service.HeaderDimensions.Size;
import dev.lightbox.library.service.UploadRejectedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jspecify.annotations.Nullable;

/**
 * A photo file on this computer, put through the checks an upload gets before anything is allocated for
 * its pixels: the format from its first bytes (JPEG, PNG, WebP, TIFF), the byte limit from its size on disk,
 * the pixel limit from its header, its SHA-256 read once in full, its end (a truncated file is refused),
 * its metadata and a decode of its pixel data. Refusals are {@link UploadRejectedException}s whose message
 * says why, as the server would. Spring-free: the command-line sync client uses it.
 */
public final class LocalPhotoFile {

    /** The upload's bounds: the server's defaults are 100 MB and 100 MP. */
    public record Limits(long maxBytes, long maxPixels) {
        public static final Limits DEFAULT = new Limits(100L * 1024 * 1024, 100_000_000L);
    }

    private static final int HEAD_BYTES = 256 * 1024;
    private static final int HEADER_WINDOW = 16 * 1024 * 1024;

    private final Path file;
    private final String sha256;
    private final ImageFormat format;
    private final long sizeBytes;
    private final PhotoMetadata metadata;

    private LocalPhotoFile(Path file, String sha256, ImageFormat format, long sizeBytes, PhotoMetadata metadata) {
        this.file = file;
        this.sha256 = sha256;
        this.format = format;
        this.sizeBytes = sizeBytes;
        this.metadata = metadata;
    }

    /** Checks the file as an upload would be checked; throws {@link UploadRejectedException} saying why it is refused. */
    public static LocalPhotoFile check(Path file, Limits limits) throws IOException {
        long size = Files.size(file);
        if (size == 0) throw new UploadRejectedException(Reason.EMPTY, "The file is empty.");
        if (size > limits.maxBytes()) {
            throw new UploadRejectedException(Reason.TOO_MANY_BYTES, "The file is larger than the limit of " + UploadLimits.megabytes(limits.maxBytes()) + ".");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        ImageFormat format = ImageSniffer.detect(head, head.length);
        Size dimensions = HeaderDimensions.read(format, head, head.length).orElseGet(() -> sizeFromLargerHeader(file, format));
        UploadLimits.checkPixels(dimensions.width(), dimensions.height(), limits.maxPixels(), "the limit");

        IngestStream ingest = new IngestStream(Files.newInputStream(file), limits.maxBytes());
        try (ingest) {
            ingest.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            if (ingest.limitExceeded()) {
                throw new UploadRejectedException(Reason.TOO_MANY_BYTES, "The file grew past the limit of " + UploadLimits.megabytes(limits.maxBytes()) + " while being read.");
            }
            throw e;
        }
        if (ingest.count() != size) throw new UploadRejectedException(Reason.CORRUPT, "The file changed while it was being read.");
        CompletenessCheck.verify(format, head, ingest.tail(), ingest.count());

        PhotoMetadata metadata;
        try (InputStream in = Files.newInputStream(file)) {
            // TIFF metadata needs random access, so it is read from a bounded window, as on upload
            InputStream window = format == ImageFormat.TIFF ? new java.io.ByteArrayInputStream(in.readNBytes(ExifBlock.MAX_TIFF_WINDOW)) : in;
            metadata = MetadataReader.read(window, format, dimensions.width(), dimensions.height());
        }
        try (InputStream in = Files.newInputStream(file)) {
            Thumbnailer.verifyDecodable(in, size, format, dimensions.width(), dimensions.height());
        }
        return new LocalPhotoFile(file, ingest.sha256Hex(), format, size, metadata);
    }

    /**
     * The upright BGR working copy of at most {@code maxPixels} pixels the server's analysis works on
     * ({@link Thumbnailer#workingCopy}). The caller closes it.
     */
    public Mat workingCopy(long maxPixels) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Thumbnailer.workingCopy(in, sizeBytes, format, metadata.storedWidth(), metadata.storedHeight(), metadata.orientation(),
                    maxPixels);
        }
    }

    public Path file() {
        return file;
    }

    public String sha256() {
        return sha256;
    }

    ImageFormat format() {
        return format;
    }

    PhotoMetadata metadata() {
        return metadata;
    }

    /** {@code jpeg}, {@code png}, {@code webp} or {@code tiff}. */
    public String formatName() {
        return format.name().toLowerCase(java.util.Locale.ROOT);
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    /** Width and height as the photo is shown (EXIF orientation applied). */
    public int uprightWidth() {
        return metadata.uprightWidth();
    }

    public int uprightHeight() {
        return metadata.uprightHeight();
    }

    public @Nullable LocalDateTime takenAt() {
        return metadata.takenAt();
    }

    public @Nullable String cameraMake() {
        return metadata.cameraMake();
    }

    public @Nullable String cameraModel() {
        return metadata.cameraModel();
    }

    public @Nullable String lens() {
        return metadata.lens();
    }

    private static Size sizeFromLargerHeader(Path file, ImageFormat format) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(HEADER_WINDOW);
            return HeaderDimensions.read(format, header, header.length)
                    .orElseThrow(() -> new UploadRejectedException(Reason.CORRUPT, "The image header is damaged: no size found."));
        } catch (IOException e) {
            throw new UploadRejectedException(Reason.CORRUPT, "The file could not be read: " + e.getMessage(), e);
        }
    }
}

package dev.lightbox.library.service;

import com.drew.imaging.tiff.TiffReader;
import com.drew.lang.ByteArrayReader;
import com.drew.lang.GeoLocation;
import com.drew.lang.RandomAccessReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.ExifTiffHandler;
import com.drew.metadata.exif.GpsDirectory;
import dev.lightbox.library.domain.ImageFormat;
import dev.lightbox.library.domain.PhotoMetadata;
import dev.lightbox.library.service.UploadRejectedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * EXIF through metadata-extractor: capture time (as the camera's local wall-clock time), orientation,
 * camera, lens, exposure and GPS. Bounded in bytes and time: only the EXIF block is kept
 * ({@link ExifBlock}, at most 1 MB; a TIFF's first 8 MB), packets Lightbox does not use (XMP, IPTC, ICC,
 * maker notes) are not parsed, and parsing stops after {@link #TIME_LIMIT}.
 */
final class MetadataReader {

    static final Duration TIME_LIMIT = Duration.ofSeconds(5);

    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");
    /** XMP, IPTC, Photoshop, ICC profile, maker note, Photoshop layers: large, nested, and unused here. */
    private static final Set<Integer> SKIPPED_TAGS = Set.of(700, 33723, 34377, 34675, 0x927C, 37724);
    private static final ExecutorService PARSERS = Executors.newVirtualThreadPerTaskExecutor();

    private MetadataReader() {
    }

    /** Metadata for a file whose stored dimensions are already known from its header. */
    static PhotoMetadata read(InputStream in, ImageFormat format, int storedWidth, int storedHeight) throws IOException {
        var block = ExifBlock.find(format, in);
        Metadata metadata;
        try {
            metadata = block.isEmpty() ? new Metadata() : parse(block.get());
        } catch (ExecutionException unreadable) {
            // Damaged or exotic EXIF is no reason to refuse a decodable photo: keep what the header said.
            metadata = new Metadata();
        }
        var ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        var sub = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        var gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        int orientation = integer(ifd0, ExifIFD0Directory.TAG_ORIENTATION, 1);
        if (orientation < 1 || orientation > 8) orientation = 1;
        @Nullable GeoLocation location = gps == null ? null : gps.getGeoLocation();
        if (location != null && (location.isZero() || Math.abs(location.getLatitude()) > 90 || Math.abs(location.getLongitude()) > 180)) {
            location = null;
        }
        return new PhotoMetadata(storedWidth, storedHeight, orientation,
                takenAt(sub, ifd0),
                text(ifd0, ExifIFD0Directory.TAG_MAKE, 100),
                text(ifd0, ExifIFD0Directory.TAG_MODEL, 100),
                text(sub, ExifSubIFDDirectory.TAG_LENS_MODEL, 200),
                decimal(sub, ExifSubIFDDirectory.TAG_FNUMBER),
                decimal(sub, ExifSubIFDDirectory.TAG_EXPOSURE_TIME),
                sub == null || !sub.containsTag(ExifSubIFDDirectory.TAG_ISO_EQUIVALENT) ? null : integer(sub, ExifSubIFDDirectory.TAG_ISO_EQUIVALENT, 0),
                decimal(sub, ExifSubIFDDirectory.TAG_FOCAL_LENGTH),
                location == null ? null : Double.valueOf(location.getLatitude()),
                location == null ? null : Double.valueOf(location.getLongitude()));
    }

    private static Metadata parse(byte[] exif) throws ExecutionException {
        var task = PARSERS.submit(() -> {
            var metadata = new Metadata();
            new TiffReader().processTiff(new ByteArrayReader(exif), new UsedTagsOnly(metadata), 0);
            return metadata;
        });
        try {
            return task.get(TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new UploadRejectedException(Reason.CORRUPT, "The photo's metadata could not be read within "
                    + TIME_LIMIT.toSeconds() + " s, so it is refused.");
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading metadata", e);
        }
    }

    /** metadata-extractor's EXIF handler, minus the embedded packets it would otherwise parse. */
    private static final class UsedTagsOnly extends ExifTiffHandler {
        UsedTagsOnly(Metadata metadata) {
            super(metadata, null, 0);
        }

        @Override
        public boolean customProcessTag(int tagOffset, Set<Integer> processedIfdOffsets, int tiffHeaderOffset, RandomAccessReader reader,
                                        int tagId, int byteCount) throws IOException {
            return SKIPPED_TAGS.contains(tagId) || super.customProcessTag(tagOffset, processedIfdOffsets, tiffHeaderOffset, reader, tagId, byteCount);
        }
    }

    private static @Nullable LocalDateTime takenAt(@Nullable Directory sub, @Nullable Directory ifd0) {
        for (var candidate : new Object[][] {{sub, ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL},
                {sub, ExifSubIFDDirectory.TAG_DATETIME_DIGITIZED}, {ifd0, ExifIFD0Directory.TAG_DATETIME}}) {
            String value = text((Directory) candidate[0], (Integer) candidate[1], 40);
            if (value == null) continue;
            try {
                LocalDateTime time = LocalDateTime.parse(value.trim(), EXIF_TIME);
                if (time.getYear() >= 1826) return time; // the first photograph; earlier means a zeroed clock
            } catch (DateTimeParseException notADate) {
                // "0000:00:00 00:00:00" and friends: try the next tag
            }
        }
        return null;
    }

    private static @Nullable String text(@Nullable Directory directory, int tag, int maxLength) {
        if (directory == null) return null;
        String value = directory.getString(tag);
        if (value == null) return null;
        value = value.replace('\0', ' ').strip();
        if (value.isEmpty()) return null;
        return value.length() > maxLength ? value.substring(0, maxLength) : value;
    }

    private static @Nullable Double decimal(@Nullable Directory directory, int tag) {
        if (directory == null || !directory.containsTag(tag)) return null;
        try {
            double value = directory.getDouble(tag);
            return Double.isFinite(value) && value > 0 ? value : null;
        } catch (Exception notANumber) {
            return null;
        }
    }

    private static int integer(@Nullable Directory directory, int tag, int fallback) {
        if (directory == null || !directory.containsTag(tag)) return fallback;
        try {
            return directory.getInt(tag);
        } catch (Exception notANumber) {
            return fallback;
        }
    }
}

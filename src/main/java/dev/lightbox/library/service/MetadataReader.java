package dev.lightbox.library.service;

import com.drew.imaging.ImageMetadataReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import dev.lightbox.library.domain.PhotoMetadata;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * EXIF and friends through metadata-extractor: capture time (as the camera's local wall-clock time),
 * orientation, camera, lens, exposure and GPS. Reads only as far into the stream as the metadata goes
 * for JPEG (up to the first scan); other formats are skipped through, never held whole.
 */
final class MetadataReader {

    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    private MetadataReader() {
    }

    /** Metadata for a file whose stored dimensions are already known from its header. */
    static PhotoMetadata read(InputStream in, int storedWidth, int storedHeight) {
        Metadata metadata;
        try {
            metadata = ImageMetadataReader.readMetadata(in);
        } catch (Exception | StackOverflowError unreadable) {
            // Damaged or exotic metadata is no reason to refuse a decodable photo: keep what the header said.
            return new PhotoMetadata(storedWidth, storedHeight, 1, null, null, null, null, null, null, null, null, null, null);
        }
        var ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        var sub = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        var gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        int orientation = integer(ifd0, ExifIFD0Directory.TAG_ORIENTATION, 1);
        if (orientation < 1 || orientation > 8) orientation = 1;
        GeoLocation location = gps == null ? null : gps.getGeoLocation();
        boolean validLocation = location != null && !location.isZero()
                && Math.abs(location.getLatitude()) <= 90 && Math.abs(location.getLongitude()) <= 180;
        return new PhotoMetadata(storedWidth, storedHeight, orientation,
                takenAt(sub, ifd0),
                text(ifd0, ExifIFD0Directory.TAG_MAKE, 100),
                text(ifd0, ExifIFD0Directory.TAG_MODEL, 100),
                text(sub, ExifSubIFDDirectory.TAG_LENS_MODEL, 200),
                decimal(sub, ExifSubIFDDirectory.TAG_FNUMBER),
                decimal(sub, ExifSubIFDDirectory.TAG_EXPOSURE_TIME),
                sub == null || !sub.containsTag(ExifSubIFDDirectory.TAG_ISO_EQUIVALENT) ? null : integer(sub, ExifSubIFDDirectory.TAG_ISO_EQUIVALENT, 0),
                decimal(sub, ExifSubIFDDirectory.TAG_FOCAL_LENGTH),
                validLocation ? location.getLatitude() : null,
                validLocation ? location.getLongitude() : null);
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

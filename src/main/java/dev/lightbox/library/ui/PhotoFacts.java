package dev.lightbox.library.ui;

import dev.lightbox.library.service.PhotoView;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the file says about a photo (EXIF, size), as labelled lines: compact for the viewer, in full for the photo page. */
public final class PhotoFacts {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT);
    private static final DateTimeFormatter WHEN_IN_FULL = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.MEDIUM);

    private PhotoFacts() {
    }

    /** For the viewer's info panel: the file name first, no location. */
    public static Map<String, @Nullable String> lines(PhotoView p) {
        var lines = new LinkedHashMap<String, @Nullable String>();
        lines.put("File", p.originalName());
        lines.put("Taken", WHEN.format(p.takenAt()) + (p.takenAtFromCamera() ? "" : " (upload time)"));
        camera(lines, p);
        lines.put("Size", p.width() + " × " + p.height() + " px · " + p.format());
        if (!p.hasOriginal()) lines.put("Original", "Synced from your computer, not on the server");
        return lines;
    }

    /** For the photo page: with the file size and the location, which only the owner sees. */
    public static Map<String, @Nullable String> detailed(PhotoView p) {
        var lines = new LinkedHashMap<String, @Nullable String>();
        lines.put("Taken", WHEN_IN_FULL.format(p.takenAt()) + (p.takenAtFromCamera() ? "" : " (upload time: the file has no capture time)"));
        camera(lines, p);
        lines.put("Size", p.width() + " × " + p.height() + " px · " + p.format() + (p.sizeBytes() > 0 ? " · " + humanBytes(p.sizeBytes()) : ""));
        lines.put("File", p.originalName());
        if (!p.hasOriginal()) lines.put("Original", "Not on the server: analysed and synced from your computer");
        if (p.gpsLatitude() != null && p.gpsLongitude() != null) {
            lines.put("Location", String.format(Locale.ROOT, "%.5f, %.5f (only you see this)", p.gpsLatitude(), p.gpsLongitude()));
        }
        return lines;
    }

    private static void camera(Map<String, @Nullable String> lines, PhotoView p) {
        lines.put("Camera", join(" ", p.cameraMake(), p.cameraModel()));
        lines.put("Lens", p.lens());
        lines.put("Exposure", join(" · ",
                p.fNumber() == null ? null : "ƒ/" + trim(p.fNumber()),
                p.exposureSeconds() == null ? null : shutter(p.exposureSeconds()),
                p.iso() == null ? null : "ISO " + p.iso(),
                p.focalLengthMm() == null ? null : trim(p.focalLengthMm()) + " mm"));
    }

    static String humanBytes(long bytes) {
        if (bytes < 1024 * 1024) return Math.max(1, bytes / 1024) + " KB";
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    private static @Nullable String join(String separator, @Nullable String... parts) {
        var joined = new StringBuilder();
        for (String part : parts) {
            if (part == null) continue;
            if (!joined.isEmpty()) joined.append(separator);
            joined.append(part);
        }
        return joined.isEmpty() ? null : joined.toString();
    }

    private static String shutter(double seconds) {
        return seconds >= 1 ? trim(seconds) + " s" : "1/" + Math.round(1 / seconds) + " s";
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}

package dev.lightbox.culling.ui;

import dev.lightbox.library.service.PhotoView;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the file says about a photo (EXIF, size), as lines for the viewer's info panel. */
final class PhotoFacts {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT);

    private PhotoFacts() {
    }

    static Map<String, @Nullable String> lines(PhotoView p) {
        var lines = new LinkedHashMap<String, @Nullable String>();
        lines.put("File", p.originalName());
        lines.put("Taken", WHEN.format(p.takenAt()) + (p.takenAtFromCamera() ? "" : " (upload time)"));
        lines.put("Camera", join(" ", p.cameraMake(), p.cameraModel()));
        lines.put("Lens", p.lens());
        lines.put("Exposure", join(" · ",
                p.fNumber() == null ? null : "ƒ/" + trim(p.fNumber()),
                p.exposureSeconds() == null ? null : shutter(p.exposureSeconds()),
                p.iso() == null ? null : "ISO " + p.iso(),
                p.focalLengthMm() == null ? null : trim(p.focalLengthMm()) + " mm"));
        lines.put("Size", p.width() + " × " + p.height() + " px · " + p.format());
        return lines;
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

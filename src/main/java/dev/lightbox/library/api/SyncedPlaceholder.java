package dev.lightbox.library.api;

import dev.lightbox.library.service.PhotoView;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The image a synced photo (no original, no renditions on this server) answers for its thumbnail and preview:
 * an SVG of the photo's aspect ratio on a mid-grey that reads on light and dark pages, with a mark and the
 * file name, capture date and camera. Every text is XML-escaped; the response forbids scripts (see
 * {@link MediaResponder}).
 */
final class SyncedPlaceholder {

    /** The long edge of the drawing, in SVG units (it scales to any size). */
    private static final int LONG_EDGE = 600;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ROOT);

    private SyncedPlaceholder() {
    }

    static byte[] svg(PhotoView photo) {
        int w = Math.max(1, photo.width());
        int h = Math.max(1, photo.height());
        double scale = (double) LONG_EDGE / Math.max(w, h);
        int width = Math.max(1, (int) Math.round(w * scale));
        int height = Math.max(1, (int) Math.round(h * scale));
        int unit = Math.max(8, Math.min(width, height) / 12);
        int cx = width / 2;
        int cy = height / 2 - unit;
        var lines = new ArrayList<String>();
        lines.add(photo.originalName() != null ? photo.originalName() : "Synced photo");
        lines.add(DATE.format(photo.takenAt()));
        String camera = camera(photo.cameraMake(), photo.cameraModel());
        if (camera != null) lines.add(camera);
        var svg = new StringBuilder(1024);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" role=\"img\" aria-label=\"")
                .append(escape("Synced without its original: " + String.join(", ", lines))).append("\">");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#7d828c\"/>");
        // the mark: a photo frame with a mountain and a sun, in a lighter grey
        svg.append("<g fill=\"none\" stroke=\"#e6e8eb\" stroke-width=\"").append(Math.max(2, unit / 5)).append("\" stroke-linejoin=\"round\">")
                .append("<rect x=\"").append(cx - 2 * unit).append("\" y=\"").append(cy - (int) (1.5 * unit)).append("\" width=\"")
                .append(4 * unit).append("\" height=\"").append(3 * unit).append("\" rx=\"").append(unit / 4).append("\"/>")
                .append("<polyline points=\"").append(cx - 2 * unit).append(',').append(cy + unit).append(' ')
                .append(cx - unit / 2).append(',').append(cy - unit / 3).append(' ').append(cx + unit / 2).append(',').append(cy + unit / 2)
                .append(' ').append(cx + unit).append(',').append(cy).append(' ').append(cx + 2 * unit).append(',').append(cy + unit).append("\"/>")
                .append("<circle cx=\"").append(cx + unit).append("\" cy=\"").append(cy - unit / 2).append("\" r=\"").append(unit / 3)
                .append("\"/></g>");
        int fontSize = Math.max(8, unit * 2 / 3);
        int y = cy + 2 * unit + fontSize;
        for (String line : lines) {
            svg.append("<text x=\"").append(cx).append("\" y=\"").append(y).append("\" font-family=\"sans-serif\" font-size=\"")
                    .append(fontSize).append("\" fill=\"#ffffff\" text-anchor=\"middle\">").append(escape(shortened(line))).append("</text>");
            y += fontSize * 5 / 4;
        }
        svg.append("</svg>");
        return svg.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static @Nullable String camera(@Nullable String make, @Nullable String model) {
        List<String> parts = new ArrayList<>();
        if (make != null && !make.isBlank()) parts.add(make.strip());
        if (model != null && !model.isBlank() && (make == null || !model.strip().startsWith(make.strip()))) parts.add(model.strip());
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    private static String shortened(String text) {
        return text.length() <= 60 ? text : text.substring(0, 59) + "…";
    }

    /** XML text and attribute escaping; characters XML 1.0 cannot hold at all are dropped. */
    static String escape(String text) {
        var out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}

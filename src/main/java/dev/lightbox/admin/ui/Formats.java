package dev.lightbox.admin.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How the admin console writes sizes, durations and times. */
final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private Formats() {
    }

    static String bytes(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String[] units = {"KB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String seconds(@Nullable Long seconds) {
        if (seconds == null) return "–";
        return duration(Duration.ofSeconds(seconds));
    }

    static String millis(@Nullable Number millis) {
        if (millis == null) return "–";
        long ms = millis.longValue();
        return ms < 1000 ? ms + " ms" : ms < 60_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0) : duration(Duration.ofMillis(ms));
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " min " + (s % 60) + " s";
        if (s < 86_400) return (s / 3600) + " h " + (s % 3600 / 60) + " min";
        return (s / 86_400) + " d " + (s % 86_400 / 3600) + " h";
    }

    static String time(@Nullable Instant instant) {
        return instant == null ? "–" : TIME.format(instant.atZone(ZoneId.systemDefault()));
    }

    static String percent(@Nullable Double fraction) {
        return fraction == null ? "–" : String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    static String rate(double perMinute) {
        return String.format(Locale.ROOT, "%.1f/min", perMinute);
    }
}

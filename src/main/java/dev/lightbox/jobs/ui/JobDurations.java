package dev.lightbox.jobs.ui;

import java.time.Duration;

/** Durations as the Jobs page shows them (its ticking script formats the same way). */
final class JobDurations {

    private JobDurations() {
    }

    static String human(Duration d) {
        long ms = Math.max(0, d.toMillis());
        long s = ms / 1000;
        if (ms < 10_000) return String.format(java.util.Locale.ROOT, "%.1f s", Math.floor(ms / 100.0) / 10);
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " min " + String.format("%02d", s % 60) + " s";
        return (s / 3600) + " h " + String.format("%02d", (s / 60) % 60) + " min";
    }
}

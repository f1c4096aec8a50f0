package dev.lightbox.sync.cli;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Files done of the total, photos per second and the time left. On a terminal one line is redrawn in place
 * ({@code \r}) a few times a second; otherwise (a log, a pipe) a line is printed every few seconds.
 */
final class Progress {

    private static final long REDRAW_NANOS = Duration.ofMillis(250).toNanos();
    private static final long LOG_NANOS = Duration.ofSeconds(5).toNanos();
    private static final int BAR = 24;

    private final PrintStream out;
    private final boolean terminal;
    private final int total;
    private final long started = System.nanoTime();
    private long lastShown = started;
    private int done;
    private boolean drawn;

    Progress(PrintStream out, boolean terminal, int total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
    }

    void fileDone() {
        done++;
        long now = System.nanoTime();
        if (now - lastShown >= (terminal ? REDRAW_NANOS : LOG_NANOS) || (terminal && done == total)) {
            lastShown = now;
            show(now);
        }
    }

    /** A message between redraws (a retry notice): on a terminal it clears the bar's line first. */
    void notice(String message) {
        if (terminal && drawn) out.print("\r" + " ".repeat(100) + "\r");
        out.println(message);
        drawn = false;
    }

    /** Ends the bar's line so the summary starts on a fresh one. */
    void finish() {
        if (terminal && drawn) out.println();
        drawn = false;
    }

    private void show(long now) {
        double seconds = (now - started) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String line = String.format("%s %d/%d files  %.1f photos/s  ETA %s", bar(), done, total, rate,
                rate > 0 ? duration((long) ((total - done) / rate)) : "?");
        if (terminal) {
            out.print("\r" + line);
            drawn = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    private String bar() {
        int filled = total == 0 ? BAR : (int) ((long) BAR * done / total);
        return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "]";
    }

    static String duration(long seconds) {
        if (seconds < 60) return seconds + " s";
        if (seconds < 3600) return seconds / 60 + " min " + seconds % 60 + " s";
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}

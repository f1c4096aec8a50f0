package dev.lightbox.sync.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The counts of a run and every file skipped or failed with its reason, printed at the end. */
final class Summary {

    record Named(Path path, String reason) {
    }

    int analysed;
    int cached;
    int duplicates;
    int synced;
    int alreadySynced;
    int notPhotos;
    final List<Named> skipped = new ArrayList<>();
    final List<Named> failed = new ArrayList<>();

    void skip(Path path, String reason) {
        skipped.add(new Named(path, reason));
    }

    void fail(Path path, String reason) {
        failed.add(new Named(path, reason));
    }

    int skippedCount() {
        return skipped.size() + notPhotos;
    }

    void print(PrintStream out, Path root, boolean dryRun, double seconds) {
        out.printf("%s in %.1f s%n", dryRun ? "Dry run done (nothing was sent)" : "Sync done", seconds);
        out.printf("  analysed        %d%n", analysed);
        out.printf("  cached          %d%n", cached);
        if (duplicates > 0) out.printf("  duplicates      %d (the same bytes as another file here)%n", duplicates);
        if (!dryRun) {
            out.printf("  synced          %d%n", synced);
            out.printf("  already synced  %d%n", alreadySynced);
        }
        out.printf("  skipped         %d%s%n", skippedCount(), notPhotos > 0 ? " (" + notPhotos + " not a photo)" : "");
        out.printf("  failed          %d%n", failed.size());
        if (!skipped.isEmpty()) {
            out.println("Skipped:");
            skipped.forEach(s -> out.println("  " + relative(root, s.path()) + ": " + s.reason()));
        }
        if (!failed.isEmpty()) {
            out.println("Failed:");
            failed.forEach(f -> out.println("  " + relative(root, f.path()) + ": " + f.reason()));
        }
    }

    static String relative(Path root, Path path) {
        return path.startsWith(root) && !path.equals(root) ? root.relativize(path).toString() : path.toString();
    }
}

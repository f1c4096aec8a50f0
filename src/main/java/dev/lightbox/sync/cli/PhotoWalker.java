package dev.lightbox.sync.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The photo files under a folder, by extension (their first bytes are checked later): JPEG, PNG, WebP,
 * TIFF. Hidden files and folders (a leading dot) are not visited; symbolic links are not followed.
 */
final class PhotoWalker {

    static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "jpe", "png", "webp", "tif", "tiff");

    /** The candidate photos in path order, how many other files were passed over, and folders that could not be read. */
    record Found(List<Path> photos, int notPhotos, List<Skipped> unreadable) {
    }

    record Skipped(Path path, String reason) {
    }

    private PhotoWalker() {
    }

    static Found walk(Path root) throws IOException {
        List<Path> photos = new ArrayList<>();
        List<Skipped> unreadable = new ArrayList<>();
        int[] notPhotos = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (hidden(file)) return FileVisitResult.CONTINUE;
                if (attrs.isRegularFile() && EXTENSIONS.contains(extension(file))) photos.add(file);
                else notPhotos[0]++;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                unreadable.add(new Skipped(file, "cannot be read: " + e.getClass().getSimpleName()));
                return FileVisitResult.CONTINUE;
            }
        });
        photos.sort(null);
        return new Found(photos, notPhotos[0], unreadable);
    }

    private static boolean hidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static String extension(Path file) {
        String name = String.valueOf(file.getFileName());
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}

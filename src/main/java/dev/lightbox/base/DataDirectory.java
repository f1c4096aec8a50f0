package dev.lightbox.base;

import org.jspecify.annotations.Nullable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The folder where the embedded database and object store keep their files ({@code LIGHTBOX_DATA_DIR},
 * default {@code ./data}). Holding its lock proves no other Lightbox process uses the same folder, so a
 * database server left behind by a crashed process can be stopped safely.
 */
@Component
@Lazy // only created when something embedded needs it
public class DataDirectory implements DisposableBean {

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    public DataDirectory(@Value("${lightbox.data-dir:./data}") String dataDir) {
        this.root = Path.of(dataDir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
            Path probe = Files.createTempFile(root, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new LightboxStartupException(
                    "Data directory " + root + " is not writable: " + e.getMessage(),
                    "Set LIGHTBOX_DATA_DIR to a folder this user can write, or fix its permissions.", e);
        }
        @Nullable FileLock held;
        try {
            this.lockChannel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            held = tryLock(lockChannel);
        } catch (IOException e) {
            throw new LightboxStartupException("Cannot lock data directory " + root + ": " + e.getMessage(),
                    "Check the folder's permissions and file system.", e);
        }
        if (held == null) {
            throw new LightboxStartupException("Data directory " + root + " is in use by another Lightbox process.",
                    "Stop the other process, or give this one its own LIGHTBOX_DATA_DIR.");
        }
        this.lock = held;
    }

    private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this same JVM
        }
    }

    public Path root() {
        return root;
    }

    /** A sub-folder of the data directory, created if missing. */
    public Path resolve(String name) {
        Path dir = root.resolve(name);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LightboxStartupException("Cannot create " + dir + ": " + e.getMessage(),
                    "Check the permissions of LIGHTBOX_DATA_DIR.", e);
        }
    }

    @Override
    public void destroy() throws IOException {
        lock.release();
        lockChannel.close();
    }
}

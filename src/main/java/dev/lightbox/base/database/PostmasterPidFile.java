package dev.lightbox.base.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code postmaster.pid}: which process serves a data directory, and whether it still lives. */
final class PostmasterPidFile {

    private static final String FILE_NAME = "postmaster.pid";

    private PostmasterPidFile() {
    }

    static Optional<ProcessHandle> read(Path dataDir) {
        Path pidFile = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(pidFile)) return Optional.empty();
        try {
            String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            return ProcessHandle.of(Long.parseLong(firstLine));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // unreadable pid file: PostgreSQL itself will judge it
        }
    }

    /**
     * A killed postmaster whose parent does not reap it stays a zombie: the JDK calls it alive, and a new
     * postmaster would refuse to start while its pid answers signals.
     */
    static boolean isAlive(ProcessHandle process) {
        if (!process.isAlive()) return false;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int endOfName = stat.lastIndexOf(')');
            return endOfName < 0 || stat.length() < endOfName + 3 || stat.charAt(endOfName + 2) != 'Z';
        } catch (IOException e) {
            return process.isAlive(); // no /proc (not Linux) or it just exited
        }
    }

    /**
     * Removes the pid file of a postmaster that is a zombie: a new postmaster would wait for it forever. A
     * pid that is gone PostgreSQL judges itself, and the file's shared memory key lets it check that no
     * process of the old server still uses the data directory.
     */
    static void deleteIfZombie(Path dataDir) throws IOException {
        Optional<ProcessHandle> recorded = read(dataDir);
        if (recorded.isPresent() && recorded.get().isAlive() && !isAlive(recorded.get())) {
            Files.deleteIfExists(dataDir.resolve(FILE_NAME));
        }
    }
}

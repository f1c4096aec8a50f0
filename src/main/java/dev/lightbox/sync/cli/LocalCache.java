package dev.lightbox.sync.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;

/**
 * The client's memory between runs, an MVStore file (H2's embedded store) in the cache folder: which file
 * (path, size, modification time) has which SHA-256 or was refused and why, the analysis of each content by
 * analyser version, and which analyses each server (and user) has acknowledged. Every change is committed
 * by the caller per file, so a crash loses at most the file in hand. A lock file keeps a second run out.
 */
final class LocalCache implements AutoCloseable {

    static final String FILE_NAME = "sync-cache.mv.db";
    static final String LOCK_NAME = "sync-cache.lock";

    /** What is known about a file on disk, valid while its size and modification time are unchanged. */
    record KnownFile(long size, long modifiedMillis, @Nullable String sha256, @Nullable String refusal) {
    }

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final MVStore store;
    private final MVMap<String, String> files;
    private final MVMap<String, String> analyses;
    private final MVMap<String, String> sent;

    private LocalCache(FileChannel lockChannel, FileLock lock, MVStore store) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.store = store;
        this.files = store.openMap("files");
        this.analyses = store.openMap("analyses");
        this.sent = store.openMap("sent");
    }

    /** Opens (creating) the cache in {@code folder}; a cache another run holds is refused with {@link CacheBusyException}. */
    static LocalCache open(Path folder) throws IOException {
        Files.createDirectories(folder);
        FileChannel channel = FileChannel.open(folder.resolve(LOCK_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new CacheBusyException(folder);
        }
        try {
            MVStore store = new MVStore.Builder().fileName(folder.resolve(FILE_NAME).toString()).autoCommitDisabled().compress().open();
            return new LocalCache(channel, lock, store);
        } catch (RuntimeException e) {
            lock.release();
            channel.close();
            throw new IOException("The sync cache " + folder.resolve(FILE_NAME) + " cannot be opened (" + e.getMessage()
                    + "); delete it to start afresh.", e);
        }
    }

    Optional<KnownFile> file(Path path) {
        String value = files.get(path.toString());
        if (value == null) return Optional.empty();
        String[] parts = value.split("\t", 4);
        if (parts.length != 4) return Optional.empty();
        return Optional.of(new KnownFile(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2].isEmpty() ? null : parts[2],
                parts[3].isEmpty() ? null : parts[3]));
    }

    void rememberFile(Path path, long size, long modifiedMillis, String sha256) {
        files.put(path.toString(), size + "\t" + modifiedMillis + "\t" + sha256 + "\t");
    }

    void rememberRefusal(Path path, long size, long modifiedMillis, String reason) {
        files.put(path.toString(), size + "\t" + modifiedMillis + "\t\t" + reason.replace('\t', ' '));
    }

    /** The item JSON of a content's analysis by the given analyser version. */
    Optional<String> analysis(String sha256, int analyzerVersion) {
        return Optional.ofNullable(analyses.get(sha256 + "/v" + analyzerVersion));
    }

    void rememberAnalysis(String sha256, int analyzerVersion, String itemJson) {
        analyses.put(sha256 + "/v" + analyzerVersion, itemJson);
    }

    boolean wasSent(String server, String sha256, int analyzerVersion) {
        return sent.containsKey(server + " " + sha256 + "/v" + analyzerVersion);
    }

    void rememberSent(String server, String sha256, int analyzerVersion, Instant at) {
        sent.put(server + " " + sha256 + "/v" + analyzerVersion, at.toString());
    }

    void commit() {
        store.commit();
    }

    @Override
    public void close() throws IOException {
        try {
            store.close();
        } finally {
            lock.release();
            lockChannel.close();
        }
    }

    /** Another run (or another process) holds the cache. */
    static final class CacheBusyException extends IOException {
        CacheBusyException(Path folder) {
            super("Another sync is running with the cache in " + folder + "; wait for it to finish (or pass another --cache).");
        }
    }
}

package dev.lightbox.data.backup.service;

import dev.lightbox.data.backup.domain.DatabaseCopy;
import dev.lightbox.storage.DeletionGate;
import dev.lightbox.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one backup into an empty folder: every table of the public schema by {@code COPY … TO STDOUT} in one
 * repeatable-read, read-only transaction, then every object but {@code uploads/} temporaries, with object deletions
 * held off from before the snapshot until the last object is copied. Everything streams through 64 KiB buffers.
 * Objects whose keys are content-addressed ({@code originals/}, {@code derived/}) and that the previous backup holds
 * with the same size are hard-linked from it instead of copied.
 */
public final class BackupWriter {

    /** Opens a connection; the writer closes it. */
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private static final List<String> IMMUTABLE_PREFIXES = List.of("originals/", "derived/");
    static final String TEMPORARY_PREFIX = "uploads/";

    private final ConnectionSource database;
    private final ObjectStore store;
    private final JsonMapper json;
    private final Clock clock;
    private final String appVersion;

    public BackupWriter(ConnectionSource database, ObjectStore store, JsonMapper json, Clock clock, String appVersion) {
        this.database = database;
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.appVersion = appVersion;
    }

    /** Writes the backup into {@code target} (created; must be empty), linking unchanged objects from {@code previous} when given. */
    public Manifest write(Path target, @Nullable Path previous) {
        try {
            Files.createDirectories(target);
            try (var entries = Files.list(target)) {
                if (entries.findAny().isPresent()) throw BackupException.refused("The backup folder " + target + " is not empty.");
            }
            Map<String, Manifest.StoredObject> linkable = previous == null ? Map.of() : previousObjects(previous);
            // one connection: it holds deletions off (see DeletionGate) from before the snapshot until the last object is copied
            try (Connection connection = database.open()) {
                DatabaseCopy.lock(connection, DeletionGate.LOCK_KEY);
                try {
                    var created = clock.instant();
                    var snapshot = dumpDatabase(connection, target.resolve("db"));
                    List<Manifest.StoredObject> objects = copyObjects(target.resolve("objects"), previous, linkable);
                    var manifest = new Manifest(Manifest.FORMAT_VERSION, created, appVersion, snapshot.changesets(), snapshot.tables(),
                            snapshot.sequences(), objects);
                    json.writerWithDefaultPrettyPrinter().writeValue(target.resolve(Manifest.FILE_NAME).toFile(), manifest);
                    return manifest;
                } finally {
                    DatabaseCopy.unlock(connection, DeletionGate.LOCK_KEY);
                }
            }
        } catch (IOException e) {
            throw BackupException.failed("Could not write the backup into " + target + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw BackupException.failed("Could not read the database for the backup: " + e.getMessage(), e);
        }
    }

    private Map<String, Manifest.StoredObject> previousObjects(Path previous) {
        try {
            Manifest old = json.readValue(previous.resolve(Manifest.FILE_NAME).toFile(), Manifest.class);
            return old.objects().stream().collect(Collectors.toMap(Manifest.StoredObject::key, Function.identity()));
        } catch (RuntimeException e) {
            return Map.of(); // an unreadable previous backup: copy everything
        }
    }

    private record Snapshot(List<String> changesets, List<Manifest.Table> tables, List<DatabaseCopy.SequenceValue> sequences) {
    }

    private Snapshot dumpDatabase(Connection connection, Path dir) throws SQLException, IOException {
        Files.createDirectories(dir);
        DatabaseCopy.beginSnapshot(connection);
        try {
            var tables = new ArrayList<Manifest.Table>();
            List<String> changesets = DatabaseCopy.changesets(connection);
            for (String table : DatabaseCopy.tables(connection)) {
                List<String> columns = DatabaseCopy.columns(connection, table);
                Path file = dir.resolve(table + ".copy");
                MessageDigest digest = Checksums.sha256();
                long rows;
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
                    rows = DatabaseCopy.copyOut(connection, table, columns, out);
                }
                tables.add(new Manifest.Table(table, columns, rows, "db/" + table + ".copy", Files.size(file), Checksums.hex(digest)));
            }
            var sequences = DatabaseCopy.sequences(connection);
            connection.commit();
            return new Snapshot(changesets, tables, sequences);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private List<Manifest.StoredObject> copyObjects(Path dir, @Nullable Path previous, Map<String, Manifest.StoredObject> linkable) throws IOException {
        Files.createDirectories(dir);
        var objects = new ArrayList<Manifest.StoredObject>();
        var failure = new IOException[1];
        store.forEach("", listed -> {
            if (failure[0] != null || listed.key().startsWith(TEMPORARY_PREFIX)) return;
            try {
                objects.add(copyObject(dir, listed, previous, linkable.get(listed.key())));
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) throw failure[0];
        return objects;
    }

    private Manifest.StoredObject copyObject(Path dir, ObjectStore.ListedObject listed, @Nullable Path previous,
                                             Manifest.@Nullable StoredObject earlier) throws IOException {
        Path file = ObjectPaths.resolve(dir, listed.key());
        Files.createDirectories(file.getParent());
        if (previous != null && earlier != null && earlier.size() == listed.size()
                && IMMUTABLE_PREFIXES.stream().anyMatch(listed.key()::startsWith)) {
            Path old = ObjectPaths.resolve(previous.resolve("objects"), listed.key());
            try {
                Files.createLink(file, old);
                return earlier;
            } catch (IOException | UnsupportedOperationException notLinkable) {
                Files.deleteIfExists(file); // another file system: copy it
            }
        }
        String contentType = store.stat(listed.key()).map(info -> info.contentType()).orElse("application/octet-stream");
        try (InputStream in = store.get(listed.key())) {
            String sha = Checksums.copy(in, file);
            return new Manifest.StoredObject(listed.key(), Files.size(file), sha, contentType);
        }
    }
}

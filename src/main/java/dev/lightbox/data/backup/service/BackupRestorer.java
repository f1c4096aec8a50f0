package dev.lightbox.data.backup.service;

import dev.lightbox.data.backup.domain.DatabaseCopy;
import dev.lightbox.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Restores a backup into an empty database and an empty bucket: {@link #verify} first checks every file against the
 * manifest (nothing is written on a mismatch); {@link #restore} refuses a target that holds anything, builds the
 * schema with Liquibase up to the backup's changesets, uploads every object and reads it back to check it, then loads
 * the rows by {@code COPY … FROM STDIN} in foreign-key order (user triggers off) and sets the sequences in one transaction.
 */
public final class BackupRestorer {

    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final long MAX_MANIFEST_BYTES = 1L << 30;

    private final JsonMapper json;

    public BackupRestorer(JsonMapper json) {
        this.json = json;
    }

    /** Reads the manifest and checks every file it names (size, then SHA-256); a mismatch is refused. */
    public Manifest verify(Path backup) {
        Path manifestFile = backup.resolve(Manifest.FILE_NAME);
        Manifest manifest;
        try {
            if (!Files.isRegularFile(manifestFile)) throw BackupException.refused("No " + Manifest.FILE_NAME + " in " + backup + ": not a Lightbox backup.");
            if (Files.size(manifestFile) > MAX_MANIFEST_BYTES) throw BackupException.refused(manifestFile + " is larger than 1 GiB: not a Lightbox manifest.");
            manifest = json.readValue(manifestFile.toFile(), Manifest.class);
        } catch (IOException | JacksonException e) {
            throw BackupException.refused("Cannot read " + manifestFile + ": " + e.getMessage());
        }
        if (manifest.formatVersion() != Manifest.FORMAT_VERSION) {
            throw BackupException.refused("Backup format " + manifest.formatVersion() + " is not supported by this version (it reads format "
                    + Manifest.FORMAT_VERSION + ").");
        }
        for (Manifest.Table table : manifest.tables()) {
            if (!TABLE_NAME.matcher(table.name()).matches() || !table.file().equals("db/" + table.name() + ".copy")) {
                throw BackupException.refused("The manifest names an unexpected table file: " + table.file());
            }
            check(backup.resolve(table.file()), table.file(), table.sizeBytes(), table.sha256());
        }
        for (Manifest.StoredObject object : manifest.objects()) {
            check(ObjectPaths.resolve(backup.resolve("objects"), object.key()), "objects/" + object.key(), object.size(), object.sha256());
        }
        return manifest;
    }

    private static void check(Path file, String name, long size, String sha256) {
        try {
            if (!Files.isRegularFile(file)) throw BackupException.refused("The backup is incomplete: " + name + " is missing.");
            if (Files.size(file) != size || !Checksums.of(file).equals(sha256)) {
                throw BackupException.refused("The backup is damaged: " + name + " does not match its checksum in the manifest.");
            }
        } catch (IOException e) {
            throw BackupException.refused("Cannot read " + name + " of the backup: " + e.getMessage());
        }
    }

    /** Refuses a database that has any table in its public schema, or a bucket with any object. */
    public void requireEmptyTarget(BackupWriter.ConnectionSource database, ObjectStore store) {
        try (Connection connection = database.open()) {
            List<String> tables = DatabaseCopy.tables(connection);
            if (!tables.isEmpty()) {
                throw BackupException.refused("The target database is not empty (it has " + tables.size()
                        + " tables): restore needs an empty database.");
            }
        } catch (SQLException e) {
            throw BackupException.failed("Cannot read the target database: " + e.getMessage(), e);
        }
        if (store.hasObjects()) {
            throw BackupException.refused("The target bucket " + store.bucket() + " is not empty: restore needs an empty bucket.");
        }
    }

    /** Restores a verified backup into an empty target (see {@link #requireEmptyTarget}). */
    public void restore(Path backup, Manifest manifest, BackupWriter.ConnectionSource database, DataSource schemaSource, ObjectStore store) {
        SchemaMigration.migrate(schemaSource, manifest.changesets());
        // objects first, rows last in one transaction: a restore that dies half-way leaves objects no row names, never the reverse
        for (Manifest.StoredObject object : manifest.objects()) {
            Path file = ObjectPaths.resolve(backup.resolve("objects"), object.key());
            try (InputStream in = Files.newInputStream(file)) {
                store.put(object.key(), in, object.size(), object.contentType());
            } catch (IOException e) {
                throw BackupException.failed("Could not read " + file + ": " + e.getMessage(), e);
            }
            try (InputStream stored = store.get(object.key())) {
                if (!Checksums.of(stored).equals(object.sha256())) {
                    throw BackupException.failed("Object " + object.key() + " reads back different from the backup.", null);
                }
            } catch (IOException e) {
                throw BackupException.failed("Could not read back object " + object.key() + ": " + e.getMessage(), e);
            }
        }
        try {
            loadRows(backup, manifest, database);
        } catch (SQLException | IOException e) {
            throw BackupException.failed("Could not load the rows: " + e.getMessage(), e);
        }
    }

    private static void loadRows(Path backup, Manifest manifest, BackupWriter.ConnectionSource database) throws SQLException, IOException {
        Map<String, Manifest.Table> tables = manifest.tables().stream().collect(Collectors.toMap(Manifest.Table::name, Function.identity()));
        try (Connection connection = database.open()) {
            connection.setAutoCommit(false);
            try {
                List<String> present = DatabaseCopy.tables(connection);
                List<String> missing = tables.keySet().stream().filter(name -> !present.contains(name)).sorted().toList();
                if (!missing.isEmpty()) throw BackupException.failed("The schema lacks tables the backup has: " + missing, null);
                DatabaseCopy.truncate(connection, present);
                DatabaseCopy.userTriggers(connection, present, false); // the rows hold the triggers' results already
                for (String name : DatabaseCopy.loadOrder(connection, tables.keySet())) {
                    Manifest.Table table = java.util.Objects.requireNonNull(tables.get(name));
                    try (InputStream in = Files.newInputStream(backup.resolve(table.file()))) {
                        long rows = DatabaseCopy.copyIn(connection, name, table.columns(), in);
                        if (rows != table.rows()) throw BackupException.failed(name + ": " + rows + " rows loaded, the manifest says " + table.rows(), null);
                    }
                }
                DatabaseCopy.userTriggers(connection, present, true);
                for (var sequence : manifest.sequences()) DatabaseCopy.setSequence(connection, sequence);
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}

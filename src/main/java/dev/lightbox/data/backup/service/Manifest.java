package dev.lightbox.data.backup.service;

import dev.lightbox.data.backup.domain.DatabaseCopy.SequenceValue;
import java.time.Instant;
import java.util.List;

/**
 * {@code manifest.json} of a backup: what it holds and the SHA-256 of every file, checked before a restore writes anything.
 * {@code changesets} are Liquibase's {@code id:author} in the order they ran: the schema the rows belong to.
 */
public record Manifest(
        int formatVersion,
        Instant created,
        String appVersion,
        List<String> changesets,
        List<Table> tables,
        List<SequenceValue> sequences,
        List<StoredObject> objects) {

    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "manifest.json";

    /** {@code db/<name>.copy}: the rows in COPY text format, for these columns. */
    public record Table(String name, List<String> columns, long rows, String file, long sizeBytes, String sha256) {
    }

    /** {@code objects/<key>}. */
    public record StoredObject(String key, long size, String sha256, String contentType) {
    }

    public long rows(String table) {
        return tables.stream().filter(t -> t.name().equals(table)).mapToLong(Table::rows).findFirst().orElse(0);
    }

    public long sizeBytes() {
        return tables.stream().mapToLong(Table::sizeBytes).sum() + objects.stream().mapToLong(StoredObject::size).sum();
    }
}

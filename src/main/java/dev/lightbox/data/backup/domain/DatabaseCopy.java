package dev.lightbox.data.backup.domain;

import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The SQL of backup and restore: the public schema's tables read by {@code COPY … TO STDOUT} inside one
 * repeatable-read, read-only transaction (a consistent snapshot), and loaded by {@code COPY … FROM STDIN} in
 * foreign-key order. Every table name comes from the catalogue and is quoted.
 */
public final class DatabaseCopy {

    private DatabaseCopy() {
    }

    /** A sequence's state: {@code value} null when it was never used. */
    public record SequenceValue(String name, @Nullable Long value, boolean called) {
    }

    /**
     * Takes the exclusive advisory lock {@code key} for this session, waiting at most a minute (for deletions that
     * hold it shared to end); it is released by {@link #unlock} or when the connection closes.
     */
    public static void lock(Connection connection, long key) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET lock_timeout = '60s'");
            try {
                statement.execute("SELECT pg_advisory_lock(" + key + ")");
            } finally {
                statement.execute("RESET lock_timeout"); // a pooled connection must not keep it
            }
        }
    }

    public static void unlock(Connection connection, long key) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + key + ")");
        }
    }

    /** Starts the snapshot transaction on {@code connection}: every later read sees the database as of its first query. */
    public static void beginSnapshot(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
    }

    /** The base tables of the public schema, by name. */
    public static List<String> tables(Connection connection) throws SQLException {
        var tables = new ArrayList<String>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                     + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (rs.next()) tables.add(rs.getString(1));
        }
        return tables;
    }

    /** The table's columns in their order (generated columns left out: COPY cannot write them). */
    public static List<String> columns(Connection connection, String table) throws SQLException {
        var columns = new ArrayList<String>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) columns.add(rs.getString(1));
            }
        }
        return columns;
    }

    /** Liquibase's record of applied changesets ({@code id:author}), in the order they ran; empty before the first migration. */
    public static List<String> changesets(Connection connection) throws SQLException {
        if (!tables(connection).contains("databasechangelog")) return List.of();
        var ids = new ArrayList<String>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, author FROM databasechangelog ORDER BY orderexecuted, dateexecuted")) {
            while (rs.next()) ids.add(rs.getString(1) + ":" + rs.getString(2));
        }
        return ids;
    }

    public static List<SequenceValue> sequences(Connection connection) throws SQLException {
        var sequences = new ArrayList<SequenceValue>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename")) {
            while (rs.next()) sequences.add(new SequenceValue(rs.getString(1), null, false));
        }
        var values = new ArrayList<SequenceValue>();
        for (SequenceValue sequence : sequences) {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT last_value, is_called FROM " + quote(sequence.name()))) {
                rs.next();
                values.add(new SequenceValue(sequence.name(), rs.getLong(1), rs.getBoolean(2)));
            }
        }
        return values;
    }

    /** Writes the table's rows (COPY text format) to {@code out}; returns how many. */
    public static long copyOut(Connection connection, String table, List<String> columns, OutputStream out) throws SQLException {
        try {
            return copyManager(connection).copyOut("COPY " + quote(table) + " (" + quoteAll(columns) + ") TO STDOUT", out);
        } catch (java.io.IOException e) {
            throw new SQLException("Could not write the rows of " + table + ": " + e.getMessage(), e);
        }
    }

    /** Loads rows written by {@link #copyOut}; returns how many. */
    public static long copyIn(Connection connection, String table, List<String> columns, InputStream in) throws SQLException {
        try {
            return copyManager(connection).copyIn("COPY " + quote(table) + " (" + quoteAll(columns) + ") FROM STDIN", in);
        } catch (java.io.IOException e) {
            throw new SQLException("Could not read the rows of " + table + ": " + e.getMessage(), e);
        }
    }

    /** Empties the tables (rows a migration inserted make way for the backup's). */
    public static void truncate(Connection connection, Collection<String> tables) throws SQLException {
        if (tables.isEmpty()) return;
        try (Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + quoteAll(tables) + " CASCADE");
        }
    }

    /**
     * Turns the tables' user triggers off or on again ({@code ALTER TABLE … DISABLE/ENABLE TRIGGER USER}; the
     * restoring user owns the tables it just created): rows loaded from a backup already hold what the triggers
     * would compute (photo_counts, job versions), so the triggers must not add it again. Foreign keys stay checked.
     */
    public static void userTriggers(Connection connection, Collection<String> tables, boolean enabled) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) statement.execute("ALTER TABLE " + quote(table) + (enabled ? " ENABLE" : " DISABLE") + " TRIGGER USER");
        }
    }

    public static void setSequence(Connection connection, SequenceValue sequence) throws SQLException {
        if (sequence.value() == null) return;
        try (PreparedStatement statement = connection.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
            statement.setString(1, quote(sequence.name()));
            statement.setLong(2, sequence.value());
            statement.setBoolean(3, sequence.called());
            statement.execute();
        }
    }

    /** The tables ordered so that each comes after those its foreign keys point to (self references are fine for COPY). */
    public static List<String> loadOrder(Connection connection, Collection<String> tables) throws SQLException {
        Map<String, Set<String>> parents = new HashMap<>();
        for (String table : tables) parents.put(table, new TreeSet<>());
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT child.relname, parent.relname FROM pg_constraint k"
                     + " JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid"
                     + " JOIN pg_namespace n ON n.oid = child.relnamespace WHERE k.contype = 'f' AND n.nspname = 'public'")) {
            while (rs.next()) {
                String child = rs.getString(1);
                String parent = rs.getString(2);
                if (!child.equals(parent) && parents.containsKey(child) && parents.containsKey(parent)) parents.get(child).add(parent);
            }
        }
        var ordered = new LinkedHashSet<String>();
        var pending = new ArrayDeque<>(new TreeSet<>(tables));
        int stalled = 0;
        while (!pending.isEmpty()) {
            String table = pending.poll();
            if (ordered.containsAll(parents.get(table))) {
                ordered.add(table);
                stalled = 0;
            } else {
                pending.add(table);
                if (++stalled > pending.size()) {
                    throw new SQLException("Foreign keys form a cycle among " + pending.stream().collect(Collectors.joining(", ")));
                }
            }
        }
        return List.copyOf(ordered);
    }

    private static CopyManager copyManager(Connection connection) throws SQLException {
        return connection.unwrap(PGConnection.class).getCopyAPI();
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String quoteAll(Collection<String> identifiers) {
        return identifiers.stream().map(DatabaseCopy::quote).collect(Collectors.joining(", "));
    }
}

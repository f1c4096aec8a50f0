package dev.lightbox.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Keeps object deletions and a backup apart, across every node sharing the database: each deletion holds a
 * PostgreSQL advisory lock ({@link #LOCK_KEY}) shared for its duration; a backup holds it exclusively, on the
 * connection of its database snapshot, from before the snapshot until its last object is copied, so no object a snapshot row references disappears before it is copied. A deletion
 * that finds a backup running fails ({@link StorageException}); the deletion outbox retries it, the sweeps find
 * the object again next time.
 */
public interface DeletionGate {

    /** Key of the advisory lock ("LBBACKUP"). */
    long LOCK_KEY = 0x4c42_4241_434b_5550L;

    /** No database: the stopped-app command line, where nothing else deletes. */
    DeletionGate NONE = new DeletionGate() {
        @Override
        public void deleting(Runnable delete) {
            delete.run();
        }
    };

    /** Runs one deletion unless a backup holds deletions off. */
    void deleting(Runnable delete);

    static DeletionGate of(DataSource dataSource) {
        return new DeletionGate() {
            @Override
            public void deleting(Runnable delete) {
                try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                    boolean acquired;
                    try (ResultSet rs = statement.executeQuery("SELECT pg_try_advisory_lock_shared(" + LOCK_KEY + ")")) {
                        acquired = rs.next() && rs.getBoolean(1);
                    }
                    if (!acquired) throw new StorageException("A backup is running: the deletion waits until it has ended");
                    try {
                        delete.run();
                    } finally {
                        statement.execute("SELECT pg_advisory_unlock_shared(" + LOCK_KEY + ")");
                    }
                } catch (SQLException e) {
                    throw new StorageException("Could not check for a running backup: " + e.getMessage(), e);
                }
            }
        };
    }
}

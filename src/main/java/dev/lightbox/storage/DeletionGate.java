package dev.lightbox.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps object deletions and a backup apart, across every node sharing the database: each deletion holds a
 * PostgreSQL advisory lock ({@link #LOCK_KEY}) shared for its duration; a backup holds it exclusively, on the
 * connection of its database snapshot, from before the snapshot until its last object is copied, so no object a
 * snapshot row references disappears before it is copied. A deletion that finds a backup running throws
 * {@link BackupRunningException}: an outbox job ending with it is put off without using up an attempt; the sweeps
 * find other objects again next time.
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

    /**
     * The gate on the app's database. The check runs on the connection bound to the thread when there is one (no
     * second pool connection): inside a transaction the shared lock is a transaction lock, held to its commit; outside
     * one it is taken and released around the deletion.
     */
    static DeletionGate of(DataSource dataSource) {
        return new DeletionGate() {
            @Override
            public void deleting(Runnable delete) {
                boolean inTransaction = TransactionSynchronizationManager.isActualTransactionActive();
                Connection connection = DataSourceUtils.getConnection(dataSource);
                try (Statement statement = connection.createStatement()) {
                    boolean acquired;
                    try (ResultSet rs = statement.executeQuery("SELECT pg_try_advisory" + (inTransaction ? "_xact" : "")
                            + "_lock_shared(" + LOCK_KEY + ")")) {
                        acquired = rs.next() && rs.getBoolean(1);
                    }
                    if (!acquired) throw new BackupRunningException();
                    try {
                        delete.run();
                    } finally {
                        if (!inTransaction) statement.execute("SELECT pg_advisory_unlock_shared(" + LOCK_KEY + ")");
                    }
                } catch (SQLException e) {
                    throw new StorageException("Could not check for a running backup: " + e.getMessage(), e);
                } finally {
                    DataSourceUtils.releaseConnection(connection, dataSource);
                }
            }
        };
    }
}

package dev.lightbox.library.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Repository;

/**
 * One storage sweep at a time across all nodes: a PostgreSQL session advisory lock held on a connection
 * of its own for the sweep's duration, so the sweep itself runs outside any transaction.
 */
@Repository
class SweepLock {

    private static final long KEY = 0x4c42_5357_4545_5000L; // "LBSWEEP"

    private final DataSource dataSource;

    SweepLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} and returns true, or returns false at once when another node is sweeping. */
    boolean runExclusively(Runnable work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!call(connection, "select pg_try_advisory_lock(?)")) return false;
            try {
                work.run();
                return true;
            } finally {
                call(connection, "select pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the storage sweep lock: " + e.getMessage(), e);
        }
    }

    private static boolean call(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, KEY);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}

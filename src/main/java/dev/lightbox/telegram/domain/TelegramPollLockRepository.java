package dev.lightbox.telegram.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.stereotype.Repository;

/**
 * One getUpdates poller across all nodes: a PostgreSQL session advisory lock held on a connection of its own
 * for as long as the node polls. When that connection breaks, the lock is gone and {@link Held#stillHeld()} says so.
 */
@Repository
public class TelegramPollLockRepository {

    private static final long KEY = 0x4c42_5447_504f_4c4cL; // "LBTGPOLL"

    private final DataSource dataSource;

    TelegramPollLockRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The lock, or empty at once when another node holds it. */
    public Optional<Held> tryLock() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            if (connection.getAutoCommit() || setAutoCommit(connection)) {
                if (call(connection, "select pg_try_advisory_lock(?)")) return Optional.of(new Held(connection));
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("Could not ask for the Telegram poll lock: " + e.getMessage(), e);
        }
    }

    private static boolean setAutoCommit(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        return true;
    }

    /** The held lock; closing it unlocks and returns the connection. */
    public static final class Held implements AutoCloseable {
        private final Connection connection;

        private Held(Connection connection) {
            this.connection = connection;
        }

        /** False when the lock's connection is gone (and with it the lock). */
        public boolean stillHeld() {
            try {
                return connection.isValid(5);
            } catch (SQLException e) {
                return false;
            }
        }

        @Override
        public void close() {
            try {
                if (!connection.isClosed()) call(connection, "select pg_advisory_unlock(?)");
            } catch (SQLException e) {
                // the connection is gone, and the lock with it
            } finally {
                closeQuietly(connection);
            }
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

    private static void closeQuietly(@org.jspecify.annotations.Nullable Connection connection) {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }
}

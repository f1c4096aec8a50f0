package dev.lightbox.base.api;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells failures of a dependency that is down (the database, the object store) from bugs: those answer
 * 503 with {@code Retry-After}, not 500, wherever in a request they surface.
 */
public final class ServiceUnavailable {

    public static final int RETRY_AFTER_SECONDS = 5;
    public static final String DETAIL = "The server cannot reach its database or object store right now. Try again in a few seconds.";

    private ServiceUnavailable() {
    }

    /** True when {@code failure} or any of its causes says a connection could not be had or was lost. */
    public static boolean causedBy(@Nullable Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (isConnectionFailure(t)) return true;
        }
        return false;
    }

    private static boolean isConnectionFailure(Throwable t) {
        if (t instanceof CannotCreateTransactionException // no connection to begin a transaction with
                || t instanceof DataAccessResourceFailureException // includes CannotGetJdbcConnectionException
                || t instanceof org.hibernate.exception.JDBCConnectionException
                || t instanceof SQLTransientConnectionException // Hikari: no connection within the timeout
                || t instanceof SQLNonTransientConnectionException
                || t instanceof ConnectException) {
            return true;
        }
        if (t instanceof org.hibernate.TransactionException && t.getCause() instanceof SQLException sql
                && (sql.getSQLState() == null || sql.getSQLState().startsWith("08"))) {
            // a rollback (or commit) on a connection the pool already closed as broken; the failure that
            // broke it is only logged by Spring ("Application exception overridden by rollback exception")
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            // 08: connection exception; 57P01-03: the server is shutting down, crashed or not yet accepting
            return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
        }
        return false;
    }
}

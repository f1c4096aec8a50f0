package dev.lightbox.jobs.engine;

import com.zaxxer.hikari.HikariDataSource;
import dev.lightbox.base.LightboxStartupException;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobsProperties;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The connections this node needs at once: one per job thread (a running job holds at most one, its
 * progress reports go through the progress writer), one for the progress writer and lease renewal, one held
 * by the LISTEN thread, and {@value #WEB_HEADROOM} for web requests and housekeeping. An unset
 * {@code LIGHTBOX_DB_POOL_SIZE} grows to this; a smaller setting stops startup, since jobs would then wait on
 * the pool past its timeout and fail.
 */
@Component
class ConnectionBudget {

    static final int WEB_HEADROOM = 3;
    private static final Logger log = LoggerFactory.getLogger(ConnectionBudget.class);

    private final int minimum;
    private final @Nullable HikariDataSource pool;

    ConnectionBudget(DataSource dataSource, JobsProperties props, Environment environment) throws SQLException {
        this.minimum = minimum(props);
        Integer configured = environment.getProperty("lightbox.db.pool-size", Integer.class);
        this.pool = dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        if (pool == null) return;
        if (configured != null && configured < minimum) {
            throw new LightboxStartupException("LIGHTBOX_DB_POOL_SIZE is " + configured + " but this node needs at least " + minimum
                    + " connections (" + explain(props) + ").",
                    "Set LIGHTBOX_DB_POOL_SIZE to " + minimum + " or more (or unset it), or lower LIGHTBOX_JOBS_CPU_THREADS / LIGHTBOX_JOBS_GPU_THREADS.");
        }
        if (configured == null && pool.getMaximumPoolSize() < minimum) {
            pool.getHikariConfigMXBean().setMaximumPoolSize(minimum);
            log.info("Database pool sized to {} connections ({})", minimum, explain(props));
        }
    }

    int minimum() {
        return minimum;
    }

    /**
     * The job threads this node can give a queue when an admin sets {@code requested} live, the other queue having
     * {@code otherQueue}: at most what the database pool leaves (at least 1), so jobs never wait on the pool past its
     * timeout. The pool itself does not grow at runtime: PostgreSQL's connection limit is shared by every node.
     */
    int fit(int requested, int otherQueue) {
        HikariDataSource hikari = pool;
        if (hikari == null) return requested;
        return Math.max(1, Math.min(requested, hikari.getMaximumPoolSize() - needed(0, otherQueue)));
    }

    static int needed(int queueThreads, int otherQueue) {
        return queueThreads + otherQueue + 1 + 1 + WEB_HEADROOM;
    }

    static int minimum(JobsProperties props) {
        int jobThreads = JobThreads.total(props);
        return jobThreads + (jobThreads > 0 ? 1 : 0) + 1 + WEB_HEADROOM;
    }

    private static String explain(JobsProperties props) {
        if (!props.role().runsJobs()) return "1 LISTEN + " + WEB_HEADROOM + " for web requests; this node runs no jobs";
        return JobThreads.of(props, JobQueue.CPU) + " cpu + " + JobThreads.of(props, JobQueue.GPU) + " gpu job threads + 1 progress writer + 1 LISTEN + "
                + WEB_HEADROOM + " for web requests";
    }
}

package dev.lightbox.jobs.domain;

import dev.lightbox.jobs.JobQueue;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the queues hold now, per queue and type: the admin's queue console reads it. */
@Repository
public class QueueStatsRepository {

    /**
     * One (queue, type) with rows: queued (delayed ones too), running, failed in 24 h, how long the longest due job has
     * been due (null when none is: a delayed or backed-off job waits from its run_after, not its creation), finished in 15 min.
     */
    public record TypeCounts(JobQueue queue, String type, long queued, long running, long failed24h, @Nullable Long oldestWaitSeconds,
                             long finished15m) {
    }

    private final JdbcClient jdbc;

    QueueStatsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<TypeCounts> counts() {
        return jdbc.sql("""
                with live as (
                    select queue, type, count(*) filter (where status = 'QUEUED') as queued, count(*) filter (where status = 'RUNNING') as running,
                           cast(floor(extract(epoch from now() - min(run_after) filter (where status = 'QUEUED' and run_after <= now()))) as bigint) as oldest_wait
                    from jobs where status in ('QUEUED', 'RUNNING') group by queue, type),
                finished as (
                    select queue, type, count(*) filter (where status = 'FAILED') as failed24h,
                           count(*) filter (where finished_at > now() - interval '15 minutes') as finished15m
                    from jobs where finished_at > now() - interval '24 hours' group by queue, type)
                select coalesce(l.queue, f.queue) as queue, coalesce(l.type, f.type) as type, coalesce(l.queued, 0) as queued,
                       coalesce(l.running, 0) as running, coalesce(f.failed24h, 0) as failed24h, l.oldest_wait,
                       coalesce(f.finished15m, 0) as finished15m
                from live l full join finished f on l.queue = f.queue and l.type = f.type""")
                .query((rs, n) -> {
                    long wait = rs.getLong("oldest_wait");
                    Long oldestWait = rs.wasNull() ? null : Math.max(0, wait);
                    return new TypeCounts(JobQueue.valueOf(rs.getString("queue").toUpperCase(Locale.ROOT)), rs.getString("type"),
                            rs.getLong("queued"), rs.getLong("running"), rs.getLong("failed24h"), oldestWait, rs.getLong("finished15m"));
                }).list();
    }

    /** Type names with any job on this queue (also long finished ones). */
    public boolean hasRows(JobQueue queue, String type) {
        return jdbc.sql("select exists (select 1 from jobs where queue = :queue and type = :type)")
                .param("queue", queue.column()).param("type", type).query(Boolean.class).single();
    }
}

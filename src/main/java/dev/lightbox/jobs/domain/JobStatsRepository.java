package dev.lightbox.jobs.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Job statistics over the jobs created in a window, per type, in two grouped queries (never a query per type):
 * counts by status, percentiles of the successful attempt's run time and of the first wait in the queue, and
 * the average time of each reported step.
 */
@Repository
public class JobStatsRepository {

    /** One type's counts and percentiles in milliseconds (null when no job of the type has such a time). */
    public record TypeRow(String type, long total, long queued, long running, long succeeded, long failed, long cancelled,
                          @Nullable Long runP50, @Nullable Long runP95, @Nullable Long waitP50, @Nullable Long waitP95) {
    }

    public record StepRow(String type, String step, long count, long avgMs) {
    }

    /**
     * Jobs of one queue and type queued or running now. {@code due}: the queued ones whose time came (run_after passed;
     * a delayed or backed-off retry is not due yet). {@code oldestWaitSeconds}: how long the longest due job has been
     * due, 0 when none is (a job retried days after it was created has waited since its retry, not for days).
     */
    public record LoadRow(String queue, String type, long queued, long due, long running, double oldestWaitSeconds) {
    }

    /** Jobs finished in a window, per type and final status, with the sum of their last attempts' run times. */
    public record FinishedRow(String type, String status, long count, long runs, double runSeconds) {
    }

    private final JdbcClient jdbc;

    JobStatsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<TypeRow> types(Instant since, Instant until) {
        return jdbc.sql("""
                        select j.type, count(*) as total,
                               count(*) filter (where j.status = 'QUEUED') as queued,
                               count(*) filter (where j.status = 'RUNNING') as running,
                               count(*) filter (where j.status = 'SUCCEEDED') as succeeded,
                               count(*) filter (where j.status = 'FAILED') as failed,
                               count(*) filter (where j.status = 'CANCELLED') as cancelled,
                               percentile_cont(0.5) within group (order by run.ms) as run_p50,
                               percentile_cont(0.95) within group (order by run.ms) as run_p95,
                               percentile_cont(0.5) within group (order by extract(epoch from j.started_at - j.created_at) * 1000) as wait_p50,
                               percentile_cont(0.95) within group (order by extract(epoch from j.started_at - j.created_at) * 1000) as wait_p95
                        from jobs j
                        left join lateral (
                            select extract(epoch from r.finished_at - r.started_at) * 1000 as ms
                            from job_runs r where r.job_id = j.id and r.outcome = 'SUCCEEDED' order by r.id desc limit 1
                        ) run on true
                        where j.created_at >= :since and j.created_at < :until
                        group by j.type order by j.type""")
                .param("since", java.sql.Timestamp.from(since)).param("until", java.sql.Timestamp.from(until))
                .query((rs, n) -> new TypeRow(rs.getString("type"), rs.getLong("total"), rs.getLong("queued"), rs.getLong("running"),
                        rs.getLong("succeeded"), rs.getLong("failed"), rs.getLong("cancelled"), millis(rs, "run_p50"), millis(rs, "run_p95"),
                        millis(rs, "wait_p50"), millis(rs, "wait_p95")))
                .list();
    }

    public List<StepRow> steps(Instant since, Instant until) {
        return jdbc.sql("""
                        select j.type, s.step, count(*) as n, avg(s.ms) as avg_ms
                        from jobs j join job_step_times s on s.job_id = j.id
                        where j.created_at >= :since and j.created_at < :until
                        group by j.type, s.step order by j.type, avg(s.position), s.step""")
                .param("since", java.sql.Timestamp.from(since)).param("until", java.sql.Timestamp.from(until))
                .query((rs, n) -> new StepRow(rs.getString("type"), rs.getString("step"), rs.getLong("n"), Math.round(rs.getDouble("avg_ms"))))
                .list();
    }

    private static @Nullable Long millis(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(value);
    }

    /** What every queue holds now, per type (one grouped query, on the claim and lease indexes). */
    public List<LoadRow> load() {
        return jdbc.sql("""
                        select queue, type, count(*) filter (where status = 'QUEUED') as queued,
                               count(*) filter (where status = 'QUEUED' and run_after <= now()) as due,
                               count(*) filter (where status = 'RUNNING') as running,
                               greatest(coalesce(extract(epoch from now() - min(run_after) filter (where status = 'QUEUED' and run_after <= now())), 0), 0) as oldest
                        from jobs where status in ('QUEUED', 'RUNNING')
                        group by queue, type order by queue, type""")
                .query((rs, n) -> new LoadRow(rs.getString("queue"), rs.getString("type"), rs.getLong("queued"), rs.getLong("due"),
                        rs.getLong("running"), rs.getDouble("oldest")))
                .list();
    }

    /** The queues an admin paused (cluster-wide). */
    public List<String> pausedQueues() {
        return jdbc.sql("select queue from queue_settings where paused order by queue").query((rs, n) -> rs.getString("queue")).list();
    }

    /** The job types an admin paused (cluster-wide, on every queue). */
    public List<String> pausedTypes() {
        return jdbc.sql("select type from job_type_settings where paused order by type").query((rs, n) -> rs.getString("type")).list();
    }

    /** Nodes that beat within {@code silence} and did not stop. */
    public long workersOnline(java.time.Duration silence) {
        return jdbc.sql("select count(*) from workers where stopped_at is null and last_seen_at > now() - cast(:silence as interval)")
                .param("silence", silence.toMillis() + " milliseconds").query(Long.class).single();
    }

    /** Jobs created since {@code since}, per status. */
    public List<StatusCount> statusCounts(Instant since) {
        return jdbc.sql("select status, count(*) as n from jobs where created_at >= :since group by status")
                .param("since", java.sql.Timestamp.from(since))
                .query((rs, n) -> new StatusCount(rs.getString("status"), rs.getLong("n"))).list();
    }

    public record StatusCount(String status, long count) {
    }

    /** The database's clock, which stamps every job row. */
    public Instant now() {
        return jdbc.sql("select now()").query(java.sql.Timestamp.class).single().toInstant();
    }

    /**
     * Jobs that finished in (after, until], per type and final status; {@code runs}: those that ran (a job cancelled
     * while queued did not), {@code runSeconds} the sum of their last attempts' run times. Jobs
     * deleted by retention before a read are not seen: reads come every few seconds, retention keeps days.
     */
    public List<FinishedRow> finished(Instant after, Instant until) {
        return jdbc.sql("""
                        select j.type, j.status, count(*) as n, count(run.finished_at) as runs, coalesce(sum(extract(epoch from run.finished_at - run.started_at)), 0) as seconds
                        from jobs j
                        left join lateral (select r.started_at, r.finished_at from job_runs r where r.job_id = j.id and r.finished_at is not null
                                           order by r.id desc limit 1) run on true
                        where j.finished_at > :after and j.finished_at <= :until and j.status in ('SUCCEEDED', 'FAILED', 'CANCELLED')
                        group by j.type, j.status""")
                .param("after", java.sql.Timestamp.from(after)).param("until", java.sql.Timestamp.from(until))
                .query((rs, n) -> new FinishedRow(rs.getString("type"), rs.getString("status"), rs.getLong("n"), rs.getLong("runs"), rs.getDouble("seconds")))
                .list();
    }
}

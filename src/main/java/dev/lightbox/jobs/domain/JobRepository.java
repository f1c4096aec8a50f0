package dev.lightbox.jobs.domain;

import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.jobs.JobView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job table, in SQL. Every change that someone may be watching also sends a NOTIFY on
 * {@code lightbox_job_events} (delivered at commit), and new work a NOTIFY on {@code lightbox_jobs}.
 * An attempt's {@code job_runs} row is always found by its job id first (the index), then its claim token.
 * Writes by a worker are fenced by the attempt number: a worker whose lease ran out cannot overwrite
 * the job's newer attempt. Every change takes a new {@code version} (a trigger), in commit order per job.
 */
@Repository
public class JobRepository {

    public static final String WORK_CHANNEL = "lightbox_jobs";
    public static final String EVENT_CHANNEL = "lightbox_job_events";
    public static final String CANCEL_CHANNEL = "lightbox_job_cancel";

    /**
     * Ends every statement that changes jobs (a CTE named {@code changed}): returns the changed rows and
     * sends, per row, the event NOTIFY (payloads stop at 8000 bytes, so the message is cut short) and, for
     * a row now QUEUED, the wake-up NOTIFY of its queue.
     */
    private static final String NOTIFY = """
             select j.id, j.claim_token, j.status, j.cancel_requested, j.owner_id, j.type, j.attempts, j.payload::text as payload,
                    pg_notify('lightbox_job_events', json_build_object('id', j.id, 'ownerId', j.owner_id, 'type', j.type,
                        'status', j.status, 'progress', j.progress, 'step', j.step, 'message', left(j.message, 300),
                        'subjectId', j.subject_id, 'version', j.version)::text) as notified,
                    case when j.status = 'QUEUED' then pg_notify('lightbox_jobs', j.queue) end as woke
             from changed j""";

    /**
     * {@link #NOTIFY} for a worker's own bookkeeping (claim, progress, outcome), committed without waiting
     * for the WAL flush. A database crash may lose the last fraction of a second of these: such a job
     * runs again, as after a worker crash (jobs run at least once). Enqueueing and user actions stay
     * synchronous, and a later synchronous commit flushes these with it.
     */
    private static final String NOTIFY_ASYNC_COMMIT = NOTIFY + " cross join (select set_config('synchronous_commit', 'off', true)) async_commit";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JobRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A job a worker took; {@code payload} is the row's JSON, read into the type's record by the worker. */
    public record Claimed(UUID id, UUID token, @Nullable UUID ownerId, String type, int attempt, @Nullable String payload) {
    }

    /** Inserts a job, or returns the live one with the same dedupe key. */
    public UUID insert(JobRequest<?> request) {
        UUID id = UUID.randomUUID();
        List<UUID> inserted = jdbc.sql("""
                with changed as (
                    insert into jobs (id, owner_id, type, queue, priority, status, max_attempts, run_after, payload,
                                      subject_id, dedupe_key, created_at)
                    values (:id, :owner, :type, :queue, :priority, 'QUEUED', :maxAttempts, now() + cast(:delay as interval), cast(:payload as jsonb),
                            :subject, :dedupe, now())
                    on conflict (dedupe_key) where dedupe_key is not null and status <> 'FAILED' and status <> 'CANCELLED'
                    do nothing
                    returning *)
                """ + NOTIFY)
                .param("id", id).param("owner", request.ownerId()).param("type", request.type().name())
                .param("queue", request.queue().column()).param("priority", request.priority())
                .param("maxAttempts", request.maxAttempts()).param("payload", json.writeValueAsString(request.payload()))
                .param("subject", request.subjectId()).param("dedupe", request.dedupeKey())
                .param("delay", request.delay().toMillis() + " milliseconds")
                .query((rs, n) -> rs.getObject("id", UUID.class)).list();
        if (!inserted.isEmpty()) return inserted.getFirst();
        return jdbc.sql("""
                select id from jobs where dedupe_key = :dedupe and status <> 'FAILED' and status <> 'CANCELLED'""")
                .param("dedupe", request.dedupeKey()).query(UUID.class).optional()
                .orElseThrow(() -> new IllegalStateException("dedupe conflict without a live job"));
    }

    /** Lets the next job with this dedupe key be enqueued again, whatever became of the earlier ones. */
    public void releaseDedupeKey(String dedupeKey) {
        jdbc.sql("update jobs set dedupe_key = null where dedupe_key = :dedupe").param("dedupe", dedupeKey).update();
    }

    /**
     * Takes up to {@code limit} due jobs of a queue, highest priority then oldest first, under a lease; none of a
     * paused queue or paused type (those stay QUEUED until resumed, see {@link QueueSettingsRepository}).
     */
    public List<Claimed> claim(JobQueue queue, String worker, int limit, Duration lease) {
        return jdbc.sql("""
                with next as (
                    select id from jobs where queue = :queue and status = 'QUEUED' and run_after <= now()
                      and not exists (select 1 from queue_settings s where s.queue = :queue and s.paused)
                      and not exists (select 1 from job_type_settings t where t.type = jobs.type and t.paused)
                    order by priority desc, run_after, created_at limit :limit for update skip locked),
                changed as (
                    update jobs j set status = 'RUNNING', attempts = attempts + 1, lease_owner = :worker, claim_token = gen_random_uuid(),
                        lease_until = now() + cast(:lease as interval), started_at = coalesce(started_at, now()),
                        step = null, message = null
                    from next where j.id = next.id returning j.*),
                runs as (
                    insert into job_runs (job_id, claim_token, attempt, worker, started_at)
                    select id, claim_token, attempts, :worker, now() from changed)
                """ + NOTIFY_ASYNC_COMMIT)
                .param("queue", queue.column()).param("limit", limit).param("worker", worker)
                .param("lease", lease.toMillis() + " milliseconds")
                .query((rs, n) -> new Claimed(rs.getObject("id", UUID.class), rs.getObject("claim_token", UUID.class), rs.getObject("owner_id", UUID.class),
                        rs.getString("type"), rs.getInt("attempts"), rs.getString("payload")))
                .list();
    }

    /** Extends the leases of the jobs this worker still runs (a job whose attempt ended here is not kept alive). */
    public int renewLeases(String worker, Collection<UUID> jobIds, Duration lease) {
        if (jobIds.isEmpty()) return 0;
        return jdbc.sql("""
                update jobs set lease_until = now() + cast(:lease as interval)
                where id = any(:ids) and lease_owner = :worker and status = 'RUNNING'""")
                .param("ids", jobIds.toArray(UUID[]::new)).param("worker", worker)
                .param("lease", lease.toMillis() + " milliseconds").update();
    }

    /**
     * Records progress; answers whether the job was cancelled meanwhile (empty: no longer this attempt's).
     * Workers call it from their progress writer, never from inside a job's own transaction, so a running
     * job holds one connection at most.
     */
    public Optional<Boolean> progress(UUID id, UUID token, double fraction, @Nullable String step, @Nullable String message) {
        return jdbc.sql("""
                with changed as (
                    update jobs set progress = :progress, step = :step, message = :message
                    where id = :id and claim_token = :token and status = 'RUNNING' returning *)
                """ + NOTIFY_ASYNC_COMMIT)
                .param("id", id).param("token", token).param("progress", Math.clamp(fraction, 0.0, 1.0))
                .param("step", truncate(step, 100)).param("message", truncate(message, 500))
                .query((rs, n) -> rs.getBoolean("cancel_requested")).optional();
    }

    /** How long an attempt spent in each step it reported, in the order of the steps; written with its outcome. */
    public record StepTime(String step, long ms) {
    }

    public boolean succeed(UUID id, UUID token, @Nullable Object result, List<StepTime> steps) {
        return succeed(id, token, result, steps, false);
    }

    /** {@code forgetPayload}: the stored payload becomes {@code {}} (see JobHandler#forgetsPayloadWhenDone). */
    public boolean succeed(UUID id, UUID token, @Nullable Object result, List<StepTime> steps, boolean forgetPayload) {
        return finish(id, token, "SUCCEEDED", null, result == null ? null : json.writeValueAsString(result),
                forgetPayload ? "progress = 1, payload = '{}'::jsonb," : "progress = 1,", steps);
    }

    /** An attempt no retry could mend (its payload does not fit its type): FAILED at once, with the reason. */
    public boolean failForGood(UUID id, UUID token, String error, List<StepTime> steps) {
        return finish(id, token, "FAILED", truncate(error, 4000), null, "", steps);
    }

    public boolean cancelled(UUID id, UUID token, List<StepTime> steps) {
        return finish(id, token, "CANCELLED", null, null, "", steps);
    }

    /**
     * Stores the step times with the outcome, in its statement: only when the outcome was stored (the attempt still held
     * the job), so a fenced-out attempt writes no times either. A retried job's new attempt of the same number replaces them.
     */
    private static final String STEP_TIMES = """
            ,
            step_times as (
                insert into job_step_times (job_id, attempt, step, ms, position)
                select c.id, c.attempts, s.step, s.ms, s.position from changed c
                cross join unnest(cast(:stepNames as varchar[]), cast(:stepMs as bigint[])) with ordinality as s(step, ms, position)
                on conflict (job_id, attempt, step) do update set ms = excluded.ms, position = excluded.position)
            """;

    private static String[] stepNames(List<StepTime> steps) {
        return steps.stream().map(step -> truncate(step.step(), 100)).toArray(String[]::new);
    }

    private static Long[] stepMs(List<StepTime> steps) {
        return steps.stream().map(StepTime::ms).toArray(Long[]::new);
    }

    /** A failed attempt: back to the queue after {@code retryAfter}, or FAILED for good when attempts are used up. */
    public boolean fail(UUID id, UUID token, String error, Duration retryAfter, List<StepTime> steps) {
        int updated = jdbc.sql("""
                with changed as (
                    update jobs set status = case when attempts < max_attempts and not cancel_requested then 'QUEUED' else
                                        case when cancel_requested then 'CANCELLED' else 'FAILED' end end,
                        error = :error, lease_owner = null, lease_until = null, claim_token = null,
                        run_after = now() + cast(:delay as interval),
                        finished_at = case when attempts < max_attempts and not cancel_requested then null else now() end
                    where id = :id and claim_token = :token and status = 'RUNNING' returning *),
                run as (update job_runs set finished_at = now(), outcome = 'FAILED', error = :error where job_id = :id and claim_token = :token)
                """ + STEP_TIMES + NOTIFY_ASYNC_COMMIT)
                .param("id", id).param("token", token).param("error", truncate(error, 4000))
                .param("stepNames", stepNames(steps)).param("stepMs", stepMs(steps))
                .param("delay", retryAfter.toMillis() + " milliseconds").query((rs, n) -> 1).list().size();
        return updated > 0;
    }

    private boolean finish(UUID id, UUID token, String status, @Nullable String error, @Nullable String result, String extra, List<StepTime> steps) {
        return jdbc.sql("""
                with changed as (
                    update jobs set status = :status, """ + extra + """
                         error = coalesce(:error, error), result = cast(:result as jsonb),
                         lease_owner = null, lease_until = null, claim_token = null, finished_at = now()
                    where id = :id and claim_token = :token and status = 'RUNNING' returning *),
                run as (update job_runs set finished_at = now(), outcome = :status where job_id = :id and claim_token = :token)
                """ + STEP_TIMES + NOTIFY_ASYNC_COMMIT)
                .param("id", id).param("token", token).param("status", status).param("error", error).param("result", result)
                .param("stepNames", stepNames(steps)).param("stepMs", stepMs(steps))
                .query((rs, n) -> 1).list().size() > 0;
    }

    /** Jobs whose worker stopped renewing their lease go back to the queue, or fail when out of attempts. */
    public int recoverExpiredLeases() {
        return jdbc.sql("""
                with expired as (
                    select id, claim_token from jobs where status = 'RUNNING' and lease_until < now() for update skip locked),
                changed as (
                    update jobs j set status = case when attempts < max_attempts then 'QUEUED' else 'FAILED' end,
                        error = 'The worker running this job stopped (lease expired' || coalesce(' on ' || lease_owner, '') || ').',
                        lease_owner = null, lease_until = null, claim_token = null, run_after = now(),
                        finished_at = case when attempts < max_attempts then null else now() end
                    from expired e where j.id = e.id returning j.*),
                run as (update job_runs r set finished_at = now(), outcome = 'LOST' from expired e where r.job_id = e.id and r.claim_token = e.claim_token)
                """ + NOTIFY)
                .query((rs, n) -> 1).list().size();
    }

    /** A job that cannot run now: back to the queue after {@code delay}, its attempt given back (the run is forgotten). */
    public boolean defer(UUID id, UUID token, Duration delay) {
        return jdbc.sql("""
                with changed as (
                    update jobs set status = 'QUEUED', lease_owner = null, lease_until = null, claim_token = null,
                        run_after = now() + cast(:delay as interval), attempts = greatest(attempts - 1, 0)
                    where id = :id and claim_token = :token and status = 'RUNNING' returning *),
                run as (delete from job_runs where job_id = :id and claim_token = :token)
                """ + NOTIFY).param("id", id).param("token", token).param("delay", delay.toMillis() + " milliseconds")
                .query((rs, n) -> 1).list().size() > 0;
    }

    /** Puts back every job this worker holds (orderly shutdown), so other workers take them at once. */
    public int release(String worker) {
        return jdbc.sql("""
                with held as (
                    select id, claim_token from jobs where lease_owner = :worker and status = 'RUNNING' for update),
                changed as (
                    update jobs j set status = 'QUEUED', lease_owner = null, lease_until = null, claim_token = null,
                        run_after = now(), attempts = attempts - 1
                    from held h where j.id = h.id returning j.*),
                run as (delete from job_runs r using held h where r.job_id = h.id and r.claim_token = h.claim_token)
                """ + NOTIFY).param("worker", worker).query((rs, n) -> 1).list().size();
    }

    /** Cancels the owner's job: a queued one at once, a running one at its next progress report. */
    public Optional<JobStatus> cancel(@Nullable UUID owner, UUID id) {
        return jdbc.sql("""
                with changed as (
                    update jobs set status = case when status = 'QUEUED' then 'CANCELLED' else status end,
                        cancel_requested = true,
                        finished_at = case when status = 'QUEUED' then now() else finished_at end
                    where id = :id and (cast(:owner as uuid) is null or owner_id = :owner) and status in ('QUEUED', 'RUNNING')
                    returning *),
                told as (select count(pg_notify('lightbox_job_cancel', id::text)) as n from changed where status = 'RUNNING')
                """ + NOTIFY + ", told") // a SELECT in WITH runs only when referenced
                .param("id", id).param("owner", owner)
                .query((rs, n) -> JobStatus.valueOf(rs.getString("status"))).optional();
    }

    /**
     * Cancels every queued and running job of the owner (a queued one at once, a running one at its next progress
     * report); returns how many.
     */
    public int cancelAllOf(UUID owner) {
        return jdbc.sql("""
                with changed as (
                    update jobs set status = case when status = 'QUEUED' then 'CANCELLED' else status end,
                        cancel_requested = true,
                        finished_at = case when status = 'QUEUED' then now() else finished_at end
                    where owner_id = :owner and status in ('QUEUED', 'RUNNING')
                    returning *),
                told as (select count(pg_notify('lightbox_job_cancel', id::text)) as n from changed where status = 'RUNNING')
                """ + NOTIFY + ", told")
                .param("owner", owner).query((rs, n) -> 1).list().size();
    }

    /** A failed or cancelled job of the owner's runs again, with fresh attempts. */
    public boolean retry(@Nullable UUID owner, UUID id) {
        return jdbc.sql("""
                with changed as (
                    update jobs set status = 'QUEUED', attempts = 0, cancel_requested = false, error = null, progress = 0,
                        step = null, message = null, run_after = now(), finished_at = null
                    where id = :id and (cast(:owner as uuid) is null or owner_id = :owner) and status in ('FAILED', 'CANCELLED')
                    returning *)
                """ + NOTIFY)
                .param("id", id).param("owner", owner).query((rs, n) -> 1).list().size() > 0;
    }

    /**
     * Every FAILED job of a type on a queue runs again, with fresh attempts (an admin's bulk retry). Of jobs sharing a
     * dedupe key only the newest is retried, and none whose key a live job holds meanwhile (the key stays unique).
     */
    public int retryFailed(JobQueue queue, String type) {
        return jdbc.sql("""
                with candidates as (
                    select distinct on (coalesce(f.dedupe_key, f.id::text)) f.id from jobs f
                    where f.queue = :queue and f.type = :type and f.status = 'FAILED'
                      and (f.dedupe_key is null or not exists (select 1 from jobs live where live.dedupe_key = f.dedupe_key
                                                                 and live.status <> 'FAILED' and live.status <> 'CANCELLED'))
                    order by coalesce(f.dedupe_key, f.id::text), f.created_at desc),
                changed as (
                    update jobs j set status = 'QUEUED', attempts = 0, cancel_requested = false, error = null, progress = 0,
                        step = null, message = null, run_after = now(), finished_at = null
                    from candidates c where j.id = c.id and j.status = 'FAILED'
                    returning j.*)
                """ + NOTIFY)
                .param("queue", queue.column()).param("type", type).query((rs, n) -> 1).list().size();
    }

    /** Deletes every FAILED job of a type on a queue (their attempts and step times go with them). */
    public int deleteFailed(JobQueue queue, String type) {
        return jdbc.sql("delete from jobs where queue = :queue and type = :type and status = 'FAILED'")
                .param("queue", queue.column()).param("type", type).update();
    }

    /**
     * Deletes up to {@code limit} jobs that finished longer than {@code age} ago by the database's clock (with their
     * attempts, by cascade); rows another node is deleting are skipped. Returns how many went.
     */
    public int deleteFinishedOlderThan(Duration age, int limit) {
        return jdbc.sql("""
                with old as (
                    select id from jobs where status in ('SUCCEEDED', 'FAILED', 'CANCELLED') and finished_at < now() - cast(:age as interval)
                    limit :limit for update skip locked)
                delete from jobs j using old where j.id = old.id""")
                .param("age", age.toMillis() + " milliseconds").param("limit", limit).update();
    }

    public Optional<JobView> find(@Nullable UUID owner, UUID id) {
        return jdbc.sql("select * from jobs where id = :id and (cast(:owner as uuid) is null or owner_id = :owner)")
                .param("id", id).param("owner", owner).query(VIEW).optional();
    }

    /** The owner's jobs, newest first, optionally of one status; keyset paged by (created_at, id). */
    public List<JobView> list(UUID owner, @Nullable JobStatus status, @Nullable Instant beforeCreated, @Nullable UUID beforeId, int limit) {
        return jdbc.sql("""
                select * from jobs where owner_id = :owner and (cast(:status as varchar) is null or status = :status)
                  and (cast(:before as timestamptz) is null or (created_at, id) < (cast(:before as timestamptz), :beforeId))
                order by created_at desc, id desc limit :limit""")
                .param("owner", owner).param("status", status == null ? null : status.name())
                .param("before", beforeCreated == null ? null : Timestamp.from(beforeCreated)).param("beforeId", beforeId)
                .param("limit", limit).query(VIEW).list();
    }

    public List<JobView> forSubject(UUID owner, UUID subject) {
        return jdbc.sql("select * from jobs where owner_id = :owner and subject_id = :subject order by created_at, id")
                .param("owner", owner).param("subject", subject).query(VIEW).list();
    }

    public record Run(int attempt, String worker, Instant startedAt, @Nullable Instant finishedAt, @Nullable String outcome, @Nullable String error) {
    }

    public List<Run> runs(UUID jobId) {
        return jdbc.sql("select * from job_runs where job_id = :id order by id").param("id", jobId)
                .query((rs, n) -> new Run(rs.getInt("attempt"), rs.getString("worker"), required(rs, "started_at"),
                        instant(rs, "finished_at"), rs.getString("outcome"), rs.getString("error"))).list();
    }

    private static final RowMapper<JobView> VIEW = (rs, n) -> new JobView(
            rs.getObject("id", UUID.class), rs.getObject("owner_id", UUID.class), rs.getString("type"),
            JobQueue.valueOf(rs.getString("queue").toUpperCase(java.util.Locale.ROOT)), JobStatus.valueOf(rs.getString("status")),
            rs.getDouble("progress"), rs.getString("step"), rs.getString("message"), rs.getString("error"),
            rs.getInt("attempts"), rs.getInt("max_attempts"), rs.getObject("subject_id", UUID.class),
            required(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"), rs.getLong("version"));

    private static Instant required(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant(); // a NOT NULL column
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static @Nullable String truncate(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}

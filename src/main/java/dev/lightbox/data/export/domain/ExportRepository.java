package dev.lightbox.data.export.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code exports}, in SQL. A row is RUNNING while its job writes the zip, READY once the object is complete (until
 * {@code expires_at}), FAILED, or EXPIRED (object deleted). The job's writes are fenced by the status.
 */
@Repository
public class ExportRepository {

    private final JdbcClient jdbc;

    ExportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An export with its job's status (null when the job row is gone). */
    public record ExportRow(UUID id, UUID ownerId, @Nullable UUID jobId, String status, @Nullable String objectKey, @Nullable Long sizeBytes,
                            @Nullable Integer photoCount, @Nullable String error, Instant createdAt, @Nullable Instant finishedAt,
                            @Nullable Instant expiresAt, @Nullable String jobStatus) {
    }

    /** What expiry took from a row: the object to delete after the commit. */
    public record Expired(UUID id, String objectKey, long sizeBytes) {
    }

    private static final String SELECT = "select e.*, j.status as job_status from exports e left join jobs j on j.id = e.job_id ";

    /** Inserts a RUNNING row; fails on {@code exports_one_running} when the owner has one running already. */
    public void insert(UUID id, UUID ownerId, UUID jobId, String objectKey, Instant createdAt) {
        jdbc.sql("insert into exports (id, owner_id, job_id, status, object_key, created_at) values (:id, :owner, :job, 'RUNNING', :key, :created)")
                .param("id", id).param("owner", ownerId).param("job", jobId).param("key", objectKey)
                .param("created", Timestamp.from(createdAt)).update();
    }

    public Optional<ExportRow> find(UUID ownerId, UUID id) {
        return jdbc.sql(SELECT + "where e.id = :id and e.owner_id = :owner").param("id", id).param("owner", ownerId).query(ExportRepository::row).optional();
    }

    /** For the job, which runs for the row's owner. */
    public Optional<ExportRow> findById(UUID id) {
        return jdbc.sql(SELECT + "where e.id = :id").param("id", id).query(ExportRepository::row).optional();
    }

    public Optional<ExportRow> running(UUID ownerId) {
        return jdbc.sql(SELECT + "where e.owner_id = :owner and e.status = 'RUNNING'").param("owner", ownerId).query(ExportRepository::row).optional();
    }

    /** The owner's exports, newest first, keyset paged by (created_at, id). */
    public List<ExportRow> list(UUID ownerId, @Nullable Instant beforeCreated, @Nullable UUID beforeId, int limit) {
        return jdbc.sql(SELECT + """
                where e.owner_id = :owner
                  and (cast(:before as timestamptz) is null or (e.created_at, e.id) < (cast(:before as timestamptz), :beforeId))
                order by e.created_at desc, e.id desc limit :limit""")
                .param("owner", ownerId).param("before", beforeCreated == null ? null : Timestamp.from(beforeCreated))
                .param("beforeId", beforeId == null ? new UUID(0, 0) : beforeId).param("limit", limit)
                .query(ExportRepository::row).list();
    }

    /** RUNNING → READY with its size; false when the row is no longer running (failed meanwhile). */
    public boolean ready(UUID id, long sizeBytes, int photoCount, Instant finishedAt, Instant expiresAt) {
        return jdbc.sql("""
                update exports set status = 'READY', size_bytes = :size, photo_count = :count, finished_at = :finished, expires_at = :expires
                where id = :id and status = 'RUNNING'""")
                .param("id", id).param("size", sizeBytes).param("count", photoCount).param("finished", Timestamp.from(finishedAt))
                .param("expires", Timestamp.from(expiresAt)).update() == 1;
    }

    /** RUNNING → FAILED with the reason; false when it was no longer running. */
    public boolean failed(UUID id, String error, Instant finishedAt) {
        return jdbc.sql("update exports set status = 'FAILED', error = :error, finished_at = :finished where id = :id and status = 'RUNNING'")
                .param("id", id).param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .param("finished", Timestamp.from(finishedAt)).update() == 1;
    }

    /**
     * The owner's RUNNING rows whose job ended without saying so (crashed for good, cancelled, deleted) turn FAILED:
     * they no longer block a new export. Returns their object keys (a partial object may be left).
     */
    public List<String> failStale(UUID ownerId, Instant now) {
        return jdbc.sql("""
                update exports e set status = 'FAILED', error = 'The export job stopped.', finished_at = :now
                where e.owner_id = :owner and e.status = 'RUNNING'
                  and not exists (select 1 from jobs j where j.id = e.job_id and j.status in ('QUEUED', 'RUNNING'))
                returning e.object_key""")
                .param("owner", ownerId).param("now", Timestamp.from(now)).query((rs, n) -> rs.getString(1)).list();
    }

    /** Up to {@code limit} READY rows due by {@code now} turn EXPIRED (skip-locked, so nodes share the work). */
    public List<Expired> expire(Instant now, int limit) {
        return jdbc.sql("""
                with due as (
                    select id, object_key, size_bytes from exports
                    where status = 'READY' and expires_at <= :now
                    order by expires_at limit :limit for update skip locked)
                update exports e set status = 'EXPIRED' from due where e.id = due.id
                returning due.id, due.object_key, due.size_bytes""")
                .param("now", Timestamp.from(now)).param("limit", limit)
                .query((rs, n) -> new Expired(rs.getObject("id", UUID.class), rs.getString("object_key"), rs.getLong("size_bytes")))
                .list();
    }

    private static ExportRow row(ResultSet rs, int n) throws SQLException {
        return new ExportRow(rs.getObject("id", UUID.class), rs.getObject("owner_id", UUID.class), rs.getObject("job_id", UUID.class),
                rs.getString("status"), rs.getString("object_key"), (Long) rs.getObject("size_bytes", Long.class),
                (Integer) rs.getObject("photo_count", Integer.class), rs.getString("error"), instant(rs, "created_at"),
                nullableInstant(rs, "finished_at"), nullableInstant(rs, "expires_at"), rs.getString("job_status"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}

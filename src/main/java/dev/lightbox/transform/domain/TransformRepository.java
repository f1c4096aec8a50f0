package dev.lightbox.transform.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code transforms}, in SQL; JSON columns ({@code params}, {@code steps}) as text. Every write by the running
 * job is fenced by the status: once a transform is finished (cancelled, deleted, failed, completed) the job can
 * no longer change it, and learns so from the update's count.
 */
@Repository
public class TransformRepository {

    /** The statuses of a transform whose job may still write to it. */
    private static final String ACTIVE = "('queued', 'analyzing', 'generating', 'validating')";

    private final JdbcClient jdbc;

    TransformRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record TransformRow(UUID id, UUID ownerId, UUID photoId, String style, String params, String status, @Nullable String step,
                               double progress, @Nullable String message, @Nullable String error, String steps, @Nullable UUID jobId,
                               @Nullable String resultKey, @Nullable String thumbnailKey, @Nullable Integer resultWidth,
                               @Nullable Integer resultHeight, @Nullable Long resultBytes, @Nullable UUID savedPhotoId, Instant createdAt,
                               @Nullable Instant finishedAt, @Nullable Instant expiresAt, @Nullable String jobStatus) {

        /** The row as it is once ended: for a read that shows a row whose job ended without saying so. */
        public TransformRow ended(String endStatus, @Nullable String endError, String endMessage) {
            return new TransformRow(id, ownerId, photoId, style, params, endStatus, step, progress, endMessage, endError, steps, jobId,
                    resultKey, thumbnailKey, resultWidth, resultHeight, resultBytes, savedPhotoId, createdAt, finishedAt, expiresAt, jobStatus);
        }
    }

    /** A transform with its job's status (jobs.status, null when the job is gone): one query for a page, no per-row look-up. */
    private static final String SELECT = "select t.*, j.status as job_status from transforms t left join jobs j on j.id = t.job_id ";
    /** For {@code returning}: the job's status is not read there. */
    private static final String RETURNING = " returning *, cast(null as varchar) as job_status";

    /** What the retention sweep took from a transform: the objects to delete after the commit. */
    public record ExpiredResult(UUID id, String resultKey, @Nullable String thumbnailKey, long bytes) {
    }

    public void insert(UUID id, UUID ownerId, UUID photoId, String style, String params, UUID jobId, Instant createdAt) {
        jdbc.sql("""
                insert into transforms (id, owner_id, photo_id, style, params, status, job_id, created_at)
                values (:id, :owner, :photo, :style, cast(:params as jsonb), 'queued', :job, :created)""")
                .param("id", id).param("owner", ownerId).param("photo", photoId).param("style", style).param("params", params)
                .param("job", jobId).param("created", Timestamp.from(createdAt)).update();
    }

    public Optional<TransformRow> find(UUID ownerId, UUID id) {
        return jdbc.sql(SELECT + "where t.id = :id and t.owner_id = :owner")
                .param("id", id).param("owner", ownerId).query(ROW).optional();
    }

    /** For the job, which runs for the row's owner. */
    public Optional<TransformRow> findById(UUID id) {
        return jdbc.sql(SELECT + "where t.id = :id").param("id", id).query(ROW).optional();
    }

    /** The owner's transforms, newest first, keyset paged by (created_at, id). */
    public List<TransformRow> list(UUID ownerId, @Nullable Instant beforeCreated, @Nullable UUID beforeId, int limit) {
        return jdbc.sql(SELECT + """
                where t.owner_id = :owner
                  and (cast(:before as timestamptz) is null or (t.created_at, t.id) < (cast(:before as timestamptz), :beforeId))
                order by t.created_at desc, t.id desc limit :limit""")
                .param("owner", ownerId).param("before", beforeCreated == null ? null : Timestamp.from(beforeCreated))
                .param("beforeId", beforeId).param("limit", limit).query(ROW).list();
    }

    /** The owner's newest {@code limit} transforms of one photo. */
    public List<TransformRow> forPhoto(UUID ownerId, UUID photoId, int limit) {
        return jdbc.sql(SELECT + "where t.owner_id = :owner and t.photo_id = :photo order by t.created_at desc, t.id desc limit :limit")
                .param("owner", ownerId).param("photo", photoId).param("limit", limit).query(ROW).list();
    }

    /** The running job's report; false when the transform is no longer active (cancelled or deleted meanwhile). */
    public boolean report(UUID id, String status, String step, double progress, @Nullable String message, String steps) {
        return jdbc.sql("update transforms set status = :status, step = :step, progress = :progress, message = :message, "
                        + "steps = cast(:steps as jsonb), error = null where id = :id and status in " + ACTIVE)
                .param("id", id).param("status", status).param("step", step).param("progress", progress)
                .param("message", truncate(message, 500)).param("steps", steps).update() == 1;
    }

    /**
     * Names the stored result, expiring {@code keep} after now (never when zero); false when the transform is no
     * longer active (then its objects must go). Times are the database's, as the sweep's, so every node agrees.
     */
    public boolean complete(UUID id, String resultKey, String thumbnailKey, int width, int height, long bytes, String steps,
                            Duration keep) {
        return jdbc.sql("update transforms set status = 'completed', step = 'save', progress = 1, message = 'Done', steps = cast(:steps as jsonb), "
                        + "result_key = :result, thumbnail_key = :thumbnail, result_width = :width, result_height = :height, "
                        + "result_bytes = :bytes, finished_at = now(), "
                        + "expires_at = case when cast(:keep as bigint) > 0 then now() + cast(:keep as bigint) * interval '1 millisecond' end "
                        + "where id = :id and status in " + ACTIVE)
                .param("id", id).param("steps", steps).param("result", resultKey).param("thumbnail", thumbnailKey)
                .param("width", width).param("height", height).param("bytes", bytes)
                .param("keep", keep.toMillis()).update() == 1;
    }

    /** Ends an active transform as {@code failed} or {@code cancelled}; false when it was finished already. */
    public boolean finish(UUID id, String status, @Nullable String error, @Nullable String message, String steps) {
        return jdbc.sql("update transforms set status = :status, error = :error, message = :message, steps = cast(:steps as jsonb), "
                        + "finished_at = now() where id = :id and status in " + ACTIVE)
                .param("id", id).param("status", status).param("error", truncate(error, 1000)).param("message", truncate(message, 500))
                .param("steps", steps).update() == 1;
    }

    /** The job's last word on a transform cancelled under it: which step was cut short. */
    public void closeCancelledSteps(UUID id, String steps) {
        jdbc.sql("update transforms set steps = cast(:steps as jsonb) where id = :id and status = 'cancelled'")
                .param("id", id).param("steps", steps).update();
    }

    /** Cancels the owner's active transform at once; empty when it is not the owner's or not active. */
    public Optional<TransformRow> cancel(UUID ownerId, UUID id) {
        return jdbc.sql("update transforms set status = 'cancelled', message = 'Cancelled', finished_at = now() "
                        + "where id = :id and owner_id = :owner and status in " + ACTIVE + RETURNING)
                .param("id", id).param("owner", ownerId).query(ROW).optional();
    }

    /** Deletes the owner's transform; the deleted row (its keys name the objects to delete after the commit). */
    public Optional<TransformRow> delete(UUID ownerId, UUID id) {
        return jdbc.sql("delete from transforms where id = :id and owner_id = :owner" + RETURNING)
                .param("id", id).param("owner", ownerId).query(ROW).optional();
    }

    /** Records the library photo a completed result was saved as, unless one was recorded meanwhile; true when recorded. */
    public boolean markSaved(UUID id, @Nullable UUID previous, UUID photoId) {
        return jdbc.sql("update transforms set saved_photo_id = :photo where id = :id and status = 'completed' "
                        + "and saved_photo_id is not distinct from :previous")
                .param("id", id).param("photo", photoId).param("previous", previous).update() == 1;
    }

    /**
     * Marks up to {@code limit} completed transforms whose result expired by now (the database's clock) as {@code expired} and forgets
     * their result; rows another node is expiring are skipped. Returns what each named, for deleting after the commit.
     */
    public List<ExpiredResult> expire(int limit) {
        return jdbc.sql("""
                with due as (
                    select id, result_key, thumbnail_key, result_bytes from transforms
                    where expires_at <= now() and result_key is not null and status = 'completed'
                    order by expires_at limit :limit for update skip locked)
                update transforms t set status = 'expired', result_key = null, thumbnail_key = null, result_width = null,
                    result_height = null, result_bytes = null, message = 'The result expired'
                from due where t.id = due.id
                returning due.id, due.result_key, due.thumbnail_key, due.result_bytes""")
                .param("limit", limit)
                .query((rs, n) -> new ExpiredResult(rs.getObject("id", UUID.class), rs.getString("result_key"),
                        rs.getString("thumbnail_key"), rs.getLong("result_bytes")))
                .list();
    }

    /** Of these object keys, those some transform names (for the sweep of orphans under results/). */
    public Set<String> namedKeys(Collection<String> keys) {
        if (keys.isEmpty()) return Set.of();
        String[] array = keys.toArray(String[]::new);
        return Set.copyOf(jdbc.sql("""
                select result_key from transforms where result_key = any(:keys)
                union select thumbnail_key from transforms where thumbnail_key = any(:keys)""")
                .param("keys", array).query(String.class).list());
    }

    private static final RowMapper<TransformRow> ROW = (rs, n) -> new TransformRow(
            rs.getObject("id", UUID.class), rs.getObject("owner_id", UUID.class), rs.getObject("photo_id", UUID.class),
            rs.getString("style"), rs.getString("params"), rs.getString("status"), rs.getString("step"), rs.getDouble("progress"),
            rs.getString("message"), rs.getString("error"), rs.getString("steps"), rs.getObject("job_id", UUID.class),
            rs.getString("result_key"), rs.getString("thumbnail_key"), integer(rs, "result_width"), integer(rs, "result_height"),
            longValue(rs, "result_bytes"), rs.getObject("saved_photo_id", UUID.class), rs.getTimestamp("created_at").toInstant(),
            instant(rs, "finished_at"), instant(rs, "expires_at"), rs.getString("job_status"));

    private static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable Long longValue(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static @Nullable String truncate(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /** The ids of every transform of the owner (for their result objects, when the owner's account goes). */
    public java.util.List<UUID> idsOf(UUID owner) {
        return jdbc.sql("select id from transforms where owner_id = :owner").param("owner", owner).query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }
}

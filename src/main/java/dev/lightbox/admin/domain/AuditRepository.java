package dev.lightbox.admin.domain;

import dev.lightbox.base.audit.AdminActionPerformed;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The admin audit log: append-only rows, read newest first by (at, id). */
@Repository
public class AuditRepository {

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One stored entry; {@code actorId} is null once the actor's account is deleted. */
    public record Row(long id, Instant at, @Nullable UUID actorId, String actorEmail, String action, @Nullable String targetType,
                      @Nullable String targetId, String detail) {
    }

    /** Filters; every null one matches all. {@code actorId} and {@code actorEmail} are alternatives. */
    public record Criteria(@Nullable String action, @Nullable UUID actorId, @Nullable String actorEmail, @Nullable String targetId,
                           @Nullable Instant since, @Nullable Instant until) {
    }

    public void insert(AdminActionPerformed event, String detail) {
        jdbc.sql("""
                insert into audit_log (at, actor_id, actor_email, action, target_type, target_id, detail)
                values (:at, (select id from users where id = :actor), :email, :action, :targetType, :targetId, :detail)""")
                .param("at", Timestamp.from(event.at())).param("actor", event.actorId()).param("email", event.actorEmail())
                .param("action", event.action().key()).param("targetType", event.targetType()).param("targetId", event.targetId())
                .param("detail", detail).update();
    }

    /**
     * Before an account's row is deleted: entries keep what happened but no longer name it. Its id and email in the
     * actor, the target and the detail become "a deleted account". Returns how many entries changed.
     */
    public int forget(UUID userId) {
        return jdbc.sql("""
                with gone as (select id, id::text as key, email from users where id = :id)
                update audit_log a set
                    actor_email = case when a.actor_id = g.id or a.actor_email = g.email then :replacement else a.actor_email end,
                    target_id = case when a.target_id = g.key then null else a.target_id end,
                    detail = replace(replace(a.detail, g.email, :replacement), g.key, :replacement)
                from gone g
                where a.actor_id = g.id or a.actor_email = g.email or a.target_id = g.key
                   or strpos(a.detail, g.email) > 0 or strpos(a.detail, g.key) > 0""")
                .param("id", userId).param("replacement", DELETED_ACCOUNT).update();
    }

    public static final String DELETED_ACCOUNT = "a deleted account";

    /** Newest first, those before ({@code beforeAt}, {@code beforeId}) when given. */
    public List<Row> find(Criteria criteria, @Nullable Instant beforeAt, long beforeId, int limit) {
        return jdbc.sql("""
                select * from audit_log
                where (cast(:action as varchar) is null or action = :action)
                  and (cast(:actorId as uuid) is null or actor_id = :actorId)
                  and (cast(:actorEmail as varchar) is null or actor_email = :actorEmail)
                  and (cast(:targetId as varchar) is null or target_id = :targetId)
                  and (cast(:since as timestamptz) is null or at >= :since)
                  and (cast(:until as timestamptz) is null or at < :until)
                  and (cast(:beforeAt as timestamptz) is null or (at, id) < (cast(:beforeAt as timestamptz), :beforeId))
                order by at desc, id desc limit :limit""")
                .param("action", criteria.action()).param("actorId", criteria.actorId()).param("actorEmail", criteria.actorEmail())
                .param("targetId", criteria.targetId()).param("since", timestamp(criteria.since()))
                .param("until", timestamp(criteria.until())).param("beforeAt", timestamp(beforeAt)).param("beforeId", beforeId)
                .param("limit", limit)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getObject("actor_id", UUID.class),
                        rs.getString("actor_email"), rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                        detail(rs)))
                .list();
    }

    private static String detail(ResultSet rs) throws SQLException {
        String detail = rs.getString("detail");
        return detail == null ? "" : detail;
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

package dev.lightbox.coach.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The coach's read-only aggregate queries over one owner's photos (never the trash), their cached attributes (the
 * newest analysis of the bytes), their scores under the active config, labels, jobs and training runs. Every query is
 * scoped to {@code :user}; the SQL is fixed here, the caller only picks among named columns and orders.
 */
@Repository
@Transactional(readOnly = true)
public class CoachRepository {

    /** Which photos: days {@code from}..{@code to} (both included, either open), a label, a camera (words in make and model), with or without faces. */
    public record Filter(@Nullable LocalDate from, @Nullable LocalDate to, @Nullable String label, @Nullable String camera,
                         @Nullable Boolean faces) {
        public static final Filter ALL = new Filter(null, null, null, null, null);
    }

    /** The score under the active config, or a numeric attribute by its key in the analysis. */
    public record Measure(boolean score, String key) {
        public static Measure attribute(String key) {
            return new Measure(false, key);
        }

        public static final Measure SCORE = new Measure(true, "score");
    }

    public enum Order { HIGHEST, LOWEST, CLOSEST, FARTHEST }

    public record Count(long photos, @Nullable LocalDateTime first, @Nullable LocalDateTime last) {
    }

    public record Valued(UUID photoId, LocalDateTime takenAt, double value) {
    }

    public record Bucket(LocalDate start, double mean, long photos) {
    }

    public record Group(String name, double mean, long photos) {
    }

    public record JobCounts(long running, long queued, long failed) {
    }

    public record Training(String name, String status, String state, double progress, Instant createdAt, @Nullable String error) {
    }

    public static final int MAX_GROUPS = 24;

    private final JdbcClient jdbc;

    CoachRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** SQL of "from … where …" with its parameters, for a measure (or none) and a filter. */
    private record Query(String from, Map<String, Object> params) {
    }

    private static Query query(UUID user, @Nullable Measure measure, Filter filter) {
        var params = new HashMap<String, Object>();
        params.put("user", user);
        var sql = new StringBuilder("from photos p");
        boolean attributes = (measure != null && !measure.score()) || filter.faces() != null;
        if (attributes) {
            sql.append(" join lateral (select pa.attributes from photo_attributes pa where pa.sha256 = p.sha256 and p.source = 'upload'"
                    + " order by pa.analyzer_version desc limit 1) a on true");
        }
        if (measure != null && measure.score()) sql.append(" join photo_scores s on s.photo_id = p.id and s.owner_id = :user");
        sql.append(" where p.owner_id = :user and p.trashed_at is null");
        if (measure != null && !measure.score()) {
            sql.append(" and jsonb_typeof(a.attributes -> :key) = 'number'");
            params.put("key", measure.key());
        }
        if (filter.from() != null) {
            sql.append(" and p.taken_at >= :from");
            params.put("from", Timestamp.valueOf(filter.from().atStartOfDay()));
        }
        if (filter.to() != null) {
            sql.append(" and p.taken_at < :to");
            params.put("to", Timestamp.valueOf(filter.to().plusDays(1).atStartOfDay()));
        }
        if (filter.label() != null) {
            sql.append(" and exists (select 1 from photo_labels l where l.photo_id = p.id and l.owner_id = :user and lower(l.label) in (:labels))");
            params.put("labels", labelForms(filter.label()));
        }
        if (filter.camera() != null) {
            sql.append(" and lower(concat_ws(' ', p.camera_make, p.camera_model)) like :camera escape '\\'");
            params.put("camera", "%" + filter.camera().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (filter.faces() != null) {
            sql.append(filter.faces() ? " and coalesce((a.attributes ->> 'faceCount')::float8, 0) > 0"
                    : " and coalesce((a.attributes ->> 'faceCount')::float8, 0) = 0");
        }
        return new Query(sql.toString(), params);
    }

    /** "cats" also finds the label "cat" and the other way round. */
    private static List<String> labelForms(String label) {
        String l = label.strip().toLowerCase(Locale.ROOT);
        var forms = new ArrayList<String>(List.of(l));
        if (l.endsWith("s") && l.length() > 1) forms.add(l.substring(0, l.length() - 1));
        else forms.add(l + "s");
        return forms;
    }

    private static String value(Measure measure) {
        return measure.score() ? "s.score::float8" : "(a.attributes ->> :key)::float8";
    }

    public Count count(UUID user, Filter filter) {
        Query q = query(user, null, filter);
        return jdbc.sql("select count(*), min(p.taken_at), max(p.taken_at) " + q.from()).params(q.params())
                .query((rs, i) -> new Count(rs.getLong(1), local(rs.getTimestamp(2)), local(rs.getTimestamp(3)))).single();
    }

    /** Up to {@code limit} photos with the measure, in the order (closest to {@code target}), ties by date then id. */
    public List<Valued> top(UUID user, Measure measure, Filter filter, Order order, @Nullable Double target, int limit) {
        Query q = query(user, measure, filter);
        String v = value(measure);
        String by = switch (order) {
            case HIGHEST -> v + " desc";
            case LOWEST -> v + " asc";
            case CLOSEST -> "abs(" + v + " - :target) asc";
            case FARTHEST -> "abs(" + v + " - :target) desc";
        };
        var params = new HashMap<>(q.params());
        if (order == Order.CLOSEST || order == Order.FARTHEST) params.put("target", target == null ? 0.0 : target);
        params.put("limit", limit);
        return jdbc.sql("select p.id, p.taken_at, " + v + " " + q.from() + " order by " + by + ", p.taken_at, p.id limit :limit").params(params)
                .query((rs, i) -> new Valued(rs.getObject(1, UUID.class), rs.getTimestamp(2).toLocalDateTime(), rs.getDouble(3))).list();
    }

    /** The measure's mean per day, week (from Monday) or month, oldest first. */
    public List<Bucket> trend(UUID user, Measure measure, Filter filter, String bucket) {
        if (!List.of("day", "week", "month").contains(bucket)) throw new IllegalArgumentException("bucket: day, week or month.");
        Query q = query(user, measure, filter);
        return jdbc.sql("select date_trunc('" + bucket + "', p.taken_at)::date as b, avg(" + value(measure) + "), count(*) " + q.from()
                        + " group by b order by b")
                .params(q.params()).query((rs, i) -> new Bucket(rs.getObject(1, LocalDate.class), rs.getDouble(2), rs.getLong(3))).list();
    }

    /** The measure's mean per camera, lens, label, hour of the day or month, up to {@link #MAX_GROUPS} groups with the most photos. */
    public List<Group> compare(UUID user, Measure measure, Filter filter, String by) {
        Query q = query(user, measure, filter);
        String group = switch (by) {
            case "camera" -> "coalesce(nullif(concat_ws(' ', p.camera_make, p.camera_model), ''), 'unknown camera')";
            case "lens" -> "coalesce(nullif(p.lens, ''), 'unknown lens')";
            case "label" -> "g.label";
            case "hour" -> "to_char(p.taken_at, 'HH24') || ':00'";
            case "month" -> "to_char(p.taken_at, 'YYYY-MM')";
            default -> throw new IllegalArgumentException("by: camera, lens, label, hour or month.");
        };
        String from = by.equals("label") ? q.from().replaceFirst(" where ", " join photo_labels g on g.photo_id = p.id and g.owner_id = :user where ")
                : q.from();
        var params = new HashMap<>(q.params());
        params.put("max", MAX_GROUPS);
        return jdbc.sql("select name, mean, n from (select " + group + " as name, avg(" + value(measure) + ") as mean, count(*) as n " + from
                        + " group by 1 order by n desc, name limit :max) t order by name")
                .params(params).query((rs, i) -> new Group(rs.getString(1), rs.getDouble(2), rs.getLong(3))).list();
    }

    /** How many photos have the measure (analysed, or scored). */
    public long measured(UUID user, Measure measure) {
        Query q = query(user, measure, Filter.ALL);
        return jdbc.sql("select count(*) " + q.from()).params(q.params()).query(Long.class).single();
    }

    /** Distinct cameras (make and model) of the owner's photos, most photos first. */
    public List<String> cameras(UUID user) {
        return jdbc.sql("""
                        select concat_ws(' ', camera_make, camera_model) as c from photos
                        where owner_id = :user and trashed_at is null and (camera_make is not null or camera_model is not null)
                        group by c order by count(*) desc, c limit 20""")
                .param("user", user).query((rs, i) -> String.valueOf(rs.getString(1))).list();
    }

    /** The owner's jobs running and queued now, and failed since {@code since}. */
    public JobCounts jobs(UUID user, Instant since) {
        return jdbc.sql("""
                        select count(*) filter (where status = 'RUNNING'), count(*) filter (where status = 'QUEUED'),
                               count(*) filter (where status = 'FAILED' and finished_at >= :since)
                        from jobs where owner_id = :user and (status in ('RUNNING', 'QUEUED') or (status = 'FAILED' and finished_at >= :since))""")
                .param("user", user).param("since", Timestamp.from(since))
                .query((rs, i) -> new JobCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    /** The owner's newest training run, with its job's progress (0..1). */
    public Optional<Training> latestTraining(UUID user) {
        return jdbc.sql("""
                        select m.name, m.status, m.state, coalesce(j.progress, case when m.status = 'SUCCEEDED' then 1 else 0 end),
                               m.created_at, m.error
                        from models m left join jobs j on j.id = m.job_id and j.owner_id = :user
                        where m.owner_id = :user order by m.created_at desc, m.id limit 1""")
                .param("user", user)
                .query((rs, i) -> new Training(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                        rs.getTimestamp(5).toInstant(), rs.getString(6)))
                .optional();
    }

    private static @Nullable LocalDateTime local(@Nullable Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }
}

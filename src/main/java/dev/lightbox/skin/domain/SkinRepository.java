package dev.lightbox.skin.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code skin_analyses} (a content's skin analysis per analyser version, JSON columns as text) and
 * {@code skin_checkins} (the diary). A check-in's outcome is the analysis row it names, or its failure.
 */
@Repository
public class SkinRepository {

    private final JdbcClient jdbc;

    SkinRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One stored analysis; the JSON columns as text (null when refused). */
    public record AnalysisRow(String sha256, int analyserVersion, String status, @Nullable String reason, @Nullable String whole,
                              @Nullable String regions, @Nullable String details, @Nullable String polygons, int cropWidth, int cropHeight,
                              @Nullable String cropKey, @Nullable String annotatedKey) {
    }

    /** A check-in with its analysis joined (all analysis fields null while none is recorded). */
    /** {@code jobId}: the skin job, null while the check-in waits for its photo's analysis. */
    public record CheckinRow(UUID photoId, UUID ownerId, String sha256, LocalDateTime takenAt, String source, Instant addedAt,
                             @Nullable UUID jobId, @Nullable String failedReason, @Nullable AnalysisRow analysis) {
    }

    /** A check-in waiting for its content's analysis (no skin job yet). */
    public record WaitingCheckin(UUID photoId, UUID ownerId, Instant addedAt) {
    }

    /**
     * Serialises, until commit, adding a check-in of this content with the content's analysis being saved or
     * failing for good (a key of its own: the library's content lock is another).
     */
    public void lockContent(String sha256) {
        jdbc.sql("select 1 from (select pg_advisory_xact_lock(hashtextextended('skin:' || :sha, 0))) locked")
                .param("sha", sha256).query(Integer.class).single();
    }


    public Optional<AnalysisRow> analysis(String sha256, int version) {
        return jdbc.sql("select * from skin_analyses where sha256 = :sha and analyser_version = :version")
                .param("sha", sha256).param("version", version).query((rs, n) -> analysis(rs, "")).optional();
    }

    /** Stores an analysis unless one of this content and version is there already (another run won); true when stored. */
    public boolean insertAnalysis(AnalysisRow row) {
        return jdbc.sql("""
                insert into skin_analyses (sha256, analyser_version, status, reason, whole, regions, details, polygons, crop_width,
                    crop_height, crop_key, annotated_key, analysed_at)
                values (:sha, :version, :status, :reason, cast(:whole as jsonb), cast(:regions as jsonb), cast(:details as jsonb),
                    cast(:polygons as jsonb), :cropWidth, :cropHeight, :cropKey, :annotatedKey, now())
                on conflict (sha256, analyser_version) do nothing""")
                .param("sha", row.sha256()).param("version", row.analyserVersion()).param("status", row.status())
                .param("reason", row.reason()).param("whole", row.whole()).param("regions", row.regions()).param("details", row.details())
                .param("polygons", row.polygons()).param("cropWidth", row.cropWidth()).param("cropHeight", row.cropHeight())
                .param("cropKey", row.cropKey()).param("annotatedKey", row.annotatedKey()).update() == 1;
    }

    /**
     * Adds a check-in unless the photo is in the diary already; true when added. It has no skin job yet; it waits
     * on {@code analysisJobId} when its content is not analysed.
     */
    public boolean insertCheckin(UUID photoId, UUID ownerId, String sha256, LocalDateTime takenAt, String source, Instant addedAt,
                                 @Nullable UUID analysisJobId) {
        return jdbc.sql("""
                insert into skin_checkins (photo_id, owner_id, sha256, taken_at, source, added_at, analysis_job_id)
                values (:photo, :owner, :sha, :takenAt, :source, :addedAt, :analysisJob) on conflict (photo_id) do nothing""")
                .param("photo", photoId).param("owner", ownerId).param("sha", sha256).param("takenAt", takenAt).param("source", source)
                .param("addedAt", Timestamp.from(addedAt)).param("analysisJob", analysisJobId).update() == 1;
    }

    /** Names the skin job of a check-in that has none yet; false when it is gone or has one. */
    public boolean setJob(UUID photoId, UUID jobId) {
        return jdbc.sql("update skin_checkins set job_id = :job where photo_id = :photo and job_id is null")
                .param("job", jobId).param("photo", photoId).update() == 1;
    }

    /** This content's check-ins that wait for its analysis: no skin job, no outcome. */
    public List<WaitingCheckin> waiting(String sha256) {
        return jdbc.sql("select photo_id, owner_id, added_at from skin_checkins where sha256 = :sha and job_id is null and failed_reason is null")
                .param("sha", sha256).query((rs, n) -> new WaitingCheckin(rs.getObject("photo_id", UUID.class), rs.getObject("owner_id", UUID.class),
                        rs.getTimestamp("added_at").toInstant())).list();
    }

    /** The contents whose waiting check-ins wait on this analysis job. */
    public List<String> contentsWaitingOn(UUID analysisJobId) {
        return jdbc.sql("select distinct sha256 from skin_checkins where analysis_job_id = :job and job_id is null")
                .param("job", analysisJobId).query((rs, n) -> rs.getString(1)).list();
    }

    /** Fails, once, the check-ins still waiting on this analysis job that failed for good; returns them. */
    public List<UUID> recordAnalysisFailed(UUID analysisJobId, String reason) {
        return jdbc.sql("""
                update skin_checkins set failed_reason = :reason
                where analysis_job_id = :job and job_id is null and analyser_version is null and failed_reason is null
                returning photo_id""")
                .param("reason", reason).param("job", analysisJobId).query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    public Optional<CheckinRow> checkinOfPhoto(UUID photoId) {
        return jdbc.sql(SELECT_CHECKINS + " where c.photo_id = :photo").param("photo", photoId).query(this::checkin).optional();
    }

    public boolean deleteCheckin(UUID ownerId, UUID photoId) {
        return jdbc.sql("delete from skin_checkins where owner_id = :owner and photo_id = :photo")
                .param("owner", ownerId).param("photo", photoId).update() == 1;
    }

    /** Records the analysis that measured the check-in its job {@code jobId} was for; false when it is gone or belongs to another job. */
    public boolean recordMeasured(UUID photoId, UUID jobId, int analyserVersion) {
        return jdbc.sql("""
                update skin_checkins set analyser_version = :version, failed_reason = null
                where photo_id = :photo and job_id = :job""")
                .param("version", analyserVersion).param("photo", photoId).param("job", jobId).update() == 1;
    }

    /** Records that the job failed for good, once: false when it is gone, belongs to another job or has an outcome already. */
    public boolean recordFailed(UUID jobId, String reason) {
        return jdbc.sql("""
                update skin_checkins set failed_reason = :reason
                where job_id = :job and analyser_version is null and failed_reason is null""")
                .param("reason", reason).param("job", jobId).update() == 1;
    }

    public Optional<CheckinRow> checkinByJob(UUID jobId) {
        return jdbc.sql(SELECT_CHECKINS + " where c.job_id = :job").param("job", jobId).query(this::checkin).optional();
    }

    public Optional<CheckinRow> checkin(UUID ownerId, UUID photoId) {
        return jdbc.sql(SELECT_CHECKINS + " where c.owner_id = :owner and c.photo_id = :photo")
                .param("owner", ownerId).param("photo", photoId).query(this::checkin).optional();
    }

    /** Newest taken first, after the keyset position {@code (beforeTakenAt, beforeId)} when given. */
    public List<CheckinRow> page(UUID ownerId, @Nullable LocalDateTime beforeTakenAt, @Nullable UUID beforeId, int limit) {
        return jdbc.sql(SELECT_CHECKINS + "\n" + """
                 where c.owner_id = :owner and %s
                   and (cast(:before as timestamp) is null or (c.taken_at, c.photo_id) < (cast(:before as timestamp), cast(:beforeId as uuid)))
                 order by c.taken_at desc, c.photo_id desc limit :limit""".formatted(LIVE))
                .param("owner", ownerId).param("before", beforeTakenAt).param("beforeId", beforeId).param("limit", limit)
                .query(this::checkin).list();
    }

    /** The owner's measured check-ins (status done) taken in [from, to), oldest first. */
    public List<CheckinRow> measured(UUID ownerId, @Nullable LocalDateTime from, @Nullable LocalDateTime to) {
        return jdbc.sql(SELECT_CHECKINS + "\n" + """
                 where c.owner_id = :owner and a.status = 'done' and c.failed_reason is null and %s
                   and (cast(:from as timestamp) is null or c.taken_at >= cast(:from as timestamp))
                   and (cast(:to as timestamp) is null or c.taken_at < cast(:to as timestamp))
                 order by c.taken_at, c.photo_id""".formatted(LIVE))
                .param("owner", ownerId).param("from", from).param("to", to).query(this::checkin).list();
    }

    /** The measured check-in taken last before this one, if any. */
    public Optional<CheckinRow> measuredBefore(UUID ownerId, LocalDateTime takenAt, UUID photoId) {
        return jdbc.sql(SELECT_CHECKINS + "\n" + """
                 where c.owner_id = :owner and a.status = 'done' and c.failed_reason is null and %s
                   and (c.taken_at, c.photo_id) < (:takenAt, :photo)
                 order by c.taken_at desc, c.photo_id desc limit 1""".formatted(LIVE))
                .param("owner", ownerId).param("takenAt", takenAt).param("photo", photoId).query(this::checkin).optional();
    }

    /** Whether any check-in (anyone's) is of this content. */
    public boolean contentCheckedIn(String sha256) {
        return jdbc.sql("select exists (select 1 from skin_checkins where sha256 = :sha)").param("sha", sha256).query(Boolean.class).single();
    }

    /** Deletes this content's analyses unless a check-in is of it; returns the object keys they named. */
    public List<String> deleteAnalysesUnlessCheckedIn(String sha256) {
        return jdbc.sql("""
                delete from skin_analyses a where a.sha256 = :sha
                  and not exists (select 1 from skin_checkins c where c.sha256 = a.sha256)
                returning crop_key, annotated_key""")
                .param("sha", sha256).query((rs, n) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2))).list()
                .stream().flatMap(List::stream).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * Deletes the analyses of these contents (an account's own, going with it) that no other owner's check-in is of;
     * returns their object keys.
     */
    public List<String> deleteAnalysesOfOwnerOnly(UUID owner, Collection<String> sha256s) {
        if (sha256s.isEmpty()) return List.of();
        return jdbc.sql("""
                delete from skin_analyses a where a.sha256 = any(:shas)
                  and not exists (select 1 from skin_checkins c where c.sha256 = a.sha256 and c.owner_id <> :owner)
                returning crop_key, annotated_key""")
                .param("shas", sha256s.toArray(String[]::new)).param("owner", owner)
                .query((rs, n) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2))).list()
                .stream().flatMap(List::stream).filter(java.util.Objects::nonNull).toList();
    }

    /** Up to {@code limit} contents after {@code after} (in hash order) that have an analysis but no check-in. */
    public List<String> contentsWithoutCheckins(String after, int limit) {
        return jdbc.sql("""
                select distinct a.sha256 from skin_analyses a
                where a.sha256 > :after and not exists (select 1 from skin_checkins c where c.sha256 = a.sha256)
                order by a.sha256 limit :limit""")
                .param("after", after).param("limit", limit).query((rs, n) -> rs.getString(1)).list();
    }

    /** Of these object keys, those a stored analysis names. */
    public Set<String> namedKeys(Collection<String> keys) {
        if (keys.isEmpty()) return Set.of();
        String[] array = keys.toArray(String[]::new);
        return Set.copyOf(jdbc.sql("""
                select crop_key from skin_analyses where crop_key = any(:keys)
                union select annotated_key from skin_analyses where annotated_key = any(:keys)""")
                .param("keys", array).query(String.class).list());
    }

    /** A check-in whose photo is not in the trash (the diary leaves trashed photos out; their rows wait for a restore). */
    private static final String LIVE = "not exists (select 1 from photos tp where tp.id = c.photo_id and tp.trashed_at is not null)";

    private static final String SELECT_CHECKINS = """
            select c.photo_id, c.owner_id, c.sha256 as c_sha256, c.taken_at, c.source, c.added_at, c.job_id, c.failed_reason,
                   a.sha256 as a_sha256, a.analyser_version as a_analyser_version, a.status as a_status, a.reason as a_reason,
                   a.whole::text as a_whole, a.regions::text as a_regions, a.details::text as a_details, a.polygons::text as a_polygons,
                   a.crop_width as a_crop_width, a.crop_height as a_crop_height, a.crop_key as a_crop_key, a.annotated_key as a_annotated_key
            from skin_checkins c left join skin_analyses a on a.sha256 = c.sha256 and a.analyser_version = c.analyser_version""";

    private CheckinRow checkin(ResultSet rs, int n) throws SQLException {
        AnalysisRow analysis = rs.getString("a_sha256") == null ? null : analysis(rs, "a_");
        return new CheckinRow(rs.getObject("photo_id", UUID.class), rs.getObject("owner_id", UUID.class), rs.getString("c_sha256"),
                rs.getTimestamp("taken_at").toLocalDateTime(), rs.getString("source"), rs.getTimestamp("added_at").toInstant(),
                rs.getObject("job_id", UUID.class), rs.getString("failed_reason"), analysis);
    }

    private static AnalysisRow analysis(ResultSet rs, String prefix) throws SQLException {
        return new AnalysisRow(rs.getString(prefix + "sha256"), rs.getInt(prefix + "analyser_version"), rs.getString(prefix + "status"),
                rs.getString(prefix + "reason"), rs.getString(prefix + "whole"), rs.getString(prefix + "regions"),
                rs.getString(prefix + "details"), rs.getString(prefix + "polygons"), rs.getInt(prefix + "crop_width"),
                rs.getInt(prefix + "crop_height"), rs.getString(prefix + "crop_key"), rs.getString(prefix + "annotated_key"));
    }
}

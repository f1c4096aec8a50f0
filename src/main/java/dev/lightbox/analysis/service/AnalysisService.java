package dev.lightbox.analysis.service;

import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobType;
import dev.lightbox.jobs.JobService;
import dev.lightbox.library.service.PhotoAdded;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Analyses each new content once per analyzer version: a photo added with bytes already analysed (by
 * anyone) costs nothing; otherwise one deduplicated analysis job is enqueued with the photo's row.
 * A content keeps the result of the newest version that analysed it: results of an older analyzer stay
 * in use (status {@code outdated}) until "re-analyse library" replaces them.
 */
@Service
public class AnalysisService {

    private final JobService jobs;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final List<OwnerAttributes> ownerAttributes;

    AnalysisService(JobService jobs, JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events, List<OwnerAttributes> ownerAttributes) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.ownerAttributes = ownerAttributes;
    }

    /** A user's photo's attributes: its content's (if analysed), with what belongs to the user's photo added. */
    public Optional<Map<String, Object>> find(UUID ownerId, UUID photoId, String sha256) {
        return find(sha256).map(content -> withOwnerAttributes(content, ownerId, photoId));
    }

    /** {@code content} with what belongs to this user's photo (from every {@link OwnerAttributes}) added. */
    public Map<String, Object> withOwnerAttributes(Map<String, Object> content, UUID ownerId, UUID photoId) {
        var all = new java.util.LinkedHashMap<String, Object>(content);
        ownerAttributes.forEach(source -> all.putAll(source.attributes(ownerId, photoId)));
        return all;
    }

    /** The user-specific attributes of every photo of the owner that has any, merged across sources. */
    public Map<UUID, Map<String, Object>> ownerAttributes(UUID ownerId) {
        var merged = new java.util.HashMap<UUID, Map<String, Object>>();
        for (OwnerAttributes source : ownerAttributes) {
            source.library(ownerId).forEach((photo, values) -> merged.computeIfAbsent(photo, p -> new java.util.HashMap<>()).putAll(values));
        }
        return merged;
    }

    /** A content's stored analysis and the analyzer version that made it. */
    public record Analysis(int analyzerVersion, Map<String, Object> attributes) {
        public boolean outdated() {
            return analyzerVersion < PhotoAnalyzer.VERSION;
        }
    }

    /** How much of a library the current analyzer has seen. */
    public record Coverage(long photos, long current, long outdated, long pending) {
    }

    /** Runs in the upload's transaction: the job exists exactly when the photo does. */
    @EventListener
    void onPhotoAdded(PhotoAdded photo) {
        if (findAnalysis(photo.sha256()).filter(a -> !a.outdated()).isPresent()) return;
        jobs.enqueue(AnalysisJob.request(photo));
    }

    /** The attributes of this content (by the newest analyzer that saw it), if analysed. */
    public Optional<Map<String, Object>> find(String sha256) {
        return findAnalysis(sha256).map(Analysis::attributes);
    }

    @SuppressWarnings("unchecked")
    public Optional<Analysis> findAnalysis(String sha256) {
        return jdbc.sql("""
                select analyzer_version, attributes::text from photo_attributes where sha256 = :sha
                order by analyzer_version desc limit 1""")
                .param("sha", sha256)
                .query((rs, n) -> new Analysis(rs.getInt(1), (Map<String, Object>) json.readValue(rs.getString(2), Map.class)))
                .optional();
    }

    public static int currentVersion() {
        return PhotoAnalyzer.VERSION;
    }

    /** Of the owner's photos: how many have a current analysis, an outdated one, or none yet. */
    public Coverage coverage(UUID ownerId) {
        return jdbc.sql("""
                select count(*) as photos,
                       count(*) filter (where v.version = :version) as current,
                       count(*) filter (where v.version < :version) as outdated
                from photos p left join lateral (
                    select max(a.analyzer_version) as version from photo_attributes a where a.sha256 = p.sha256) v on true
                where p.owner_id = :owner""")
                .param("version", PhotoAnalyzer.VERSION).param("owner", ownerId)
                .query((rs, n) -> new Coverage(rs.getLong("photos"), rs.getLong("current"), rs.getLong("outdated"),
                        rs.getLong("photos") - rs.getLong("current") - rs.getLong("outdated")))
                .single();
    }

    /**
     * The fraction (0..1) of this owner's analysed photos whose numeric {@code attribute} is below
     * {@code value}: "sharper than 88% of your library". Empty when the owner has no other analysed photo.
     */
    public OptionalDouble percentile(UUID ownerId, String attribute, double value) {
        if (!attribute.matches("[a-zA-Z]+")) throw new IllegalArgumentException("attribute");
        var counts = jdbc.sql("""
                select count(*) filter (where (a.attributes ->> :attribute)::float8 < :value) as below, count(*) as total
                from photos p join photo_attributes a on a.sha256 = p.sha256
                where p.owner_id = :owner and jsonb_exists(a.attributes, :attribute)""")
                .param("attribute", attribute).param("value", value).param("owner", ownerId)
                .query((rs, n) -> new long[] {rs.getLong("below"), rs.getLong("total")}).single();
        return counts[1] <= 1 ? OptionalDouble.empty() : OptionalDouble.of((double) counts[0] / (counts[1] - 1));
    }

    /**
     * Re-analyses, as background jobs, every photo of the owner's library whose content has no analysis
     * by the current analyzer. Returns the walking job's id.
     */
    public UUID reanalyse(UUID ownerId) {
        return jobs.enqueue(LibraryAnalysisJob.request(ownerId, ownerId));
    }

    /** The same over every library on the server (admins). */
    @PreAuthorize("hasRole('ADMIN')")
    public UUID reanalyseAll(UUID admin) {
        return jobs.enqueue(LibraryAnalysisJob.request(admin, null));
    }

    /** Replaces the content's analysis: the older versions' rows go in the same transaction. */
    @Transactional
    void save(String sha256, Map<String, Object> attributes) {
        jdbc.sql("""
                insert into photo_attributes (sha256, analyzer_version, attributes, analyzed_at)
                values (:sha, :version, cast(:attributes as jsonb), now())
                on conflict (sha256, analyzer_version) do update set attributes = excluded.attributes, analyzed_at = now()""")
                .param("sha", sha256).param("version", PhotoAnalyzer.VERSION).param("attributes", json.writeValueAsString(attributes))
                .update();
        jdbc.sql("delete from photo_attributes where sha256 = :sha and analyzer_version < :version")
                .param("sha", sha256).param("version", PhotoAnalyzer.VERSION).update();
        events.publishEvent(new ContentAnalysed(sha256));
    }

    static <P extends Record> JobRequest<P> request(JobType<P> type, PhotoAdded photo, P payload) {
        return JobRequest.of(type, photo.ownerId(), payload).about(photo.photoId())
                .dedupedBy("analysis:" + photo.sha256() + ":v" + PhotoAnalyzer.VERSION);
    }
}

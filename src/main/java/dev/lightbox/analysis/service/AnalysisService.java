package dev.lightbox.analysis.service;

import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobService;
import dev.lightbox.library.service.PhotoAdded;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Analyses each new content once per analyzer version: a photo added with bytes already analysed (by
 * anyone) costs nothing; otherwise one deduplicated analysis job is enqueued with the photo's row.
 */
@Service
public class AnalysisService {

    private final JobService jobs;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    AnalysisService(JobService jobs, JdbcClient jdbc, JsonMapper json) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Runs in the upload's transaction: the job exists exactly when the photo does. */
    @EventListener
    void onPhotoAdded(PhotoAdded photo) {
        if (find(photo.sha256()).isPresent()) return;
        jobs.enqueue(AnalysisJob.request(photo));
    }

    /** The attributes of this content by the current analyzer, if analysed. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> find(String sha256) {
        return jdbc.sql("select attributes::text from photo_attributes where sha256 = :sha and analyzer_version = :version")
                .param("sha", sha256).param("version", PhotoAnalyzer.VERSION)
                .query(String.class).optional().map(text -> (Map<String, Object>) json.readValue(text, Map.class));
    }

    /**
     * The fraction (0..1) of this owner's analysed photos whose numeric {@code attribute} is below
     * {@code value}: "sharper than 88% of your library". Empty when the owner has no other analysed photo.
     */
    public java.util.OptionalDouble percentile(java.util.UUID ownerId, String attribute, double value) {
        if (!attribute.matches("[a-zA-Z]+")) throw new IllegalArgumentException("attribute");
        var counts = jdbc.sql("""
                select count(*) filter (where (a.attributes ->> :attribute)::float8 < :value) as below, count(*) as total
                from photos p join photo_attributes a on a.sha256 = p.sha256 and a.analyzer_version = :version
                where p.owner_id = :owner and jsonb_exists(a.attributes, :attribute)""")
                .param("attribute", attribute).param("value", value).param("version", PhotoAnalyzer.VERSION).param("owner", ownerId)
                .query((rs, n) -> new long[] {rs.getLong("below"), rs.getLong("total")}).single();
        return counts[1] <= 1 ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of((double) counts[0] / (counts[1] - 1));
    }

    void save(String sha256, Map<String, Object> attributes) {
        jdbc.sql("""
                insert into photo_attributes (sha256, analyzer_version, attributes, analyzed_at)
                values (:sha, :version, cast(:attributes as jsonb), now())
                on conflict (sha256, analyzer_version) do update set attributes = excluded.attributes, analyzed_at = now()""")
                .param("sha", sha256).param("version", PhotoAnalyzer.VERSION).param("attributes", json.writeValueAsString(attributes))
                .update();
    }

    static JobRequest request(String type, JobQueue queue, PhotoAdded photo, Map<String, Object> payload) {
        return JobRequest.of(type, queue, photo.ownerId(), payload).about(photo.photoId())
                .dedupedBy("analysis:" + photo.sha256() + ":v" + PhotoAnalyzer.VERSION);
    }
}

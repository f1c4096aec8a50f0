package dev.lightbox.analysis.domain;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** {@code photo_attributes}: each content's attributes (JSON) per analyzer version. */
@Repository
public class AnalysisRepository {

    /** Contents asked about in one statement at most (an array parameter of this many hashes). */
    public static final int BATCH = 1_000;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AnalysisRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A content's newest stored attributes and the analyzer version that made them. */
    public record StoredAnalysis(String sha256, int analyzerVersion, Map<String, Object> attributes) {
    }

    /**
     * Of the owner's photos: how many there are, how many the analyzer {@code version} has seen, how many only
     * an older one; a photo whose bytes the server has not analysed counts by the owner's synced analysis.
     */
    public record Counts(long photos, long current, long outdated) {
    }

    /** Of these contents, those the owner's photo of is a synced row (which uses only the owner's synced analysis). */
    public java.util.Set<String> syncedAmong(UUID owner, Collection<String> sha256s) {
        var found = new java.util.HashSet<String>();
        forBatches(sha256s, batch -> found.addAll(jdbc.sql("""
                select sha256 from photos where owner_id = :owner and source = 'sync' and sha256 = any(:shas)""")
                .param("owner", owner).param("shas", batch).query(String.class).list()));
        return found;
    }

    public Optional<StoredAnalysis> newest(String sha256) {
        return jdbc.sql("""
                select sha256, analyzer_version, attributes::text from photo_attributes where sha256 = :sha
                order by analyzer_version desc limit 1""")
                .param("sha", sha256).query((rs, n) -> read(rs.getString(1), rs.getInt(2), rs.getString(3))).optional();
    }

    /** The newest analysis of each of these contents that has one, by content: one statement per {@link #BATCH} hashes. */
    public Map<String, StoredAnalysis> newest(Collection<String> sha256s) {
        var found = new HashMap<String, StoredAnalysis>();
        forBatches(sha256s, batch -> jdbc.sql("""
                select distinct on (sha256) sha256, analyzer_version, attributes::text from photo_attributes
                where sha256 = any(:shas) order by sha256, analyzer_version desc""")
                .param("shas", batch).query(rs -> {
                    found.put(rs.getString(1), read(rs.getString(1), rs.getInt(2), rs.getString(3)));
                }));
        return found;
    }

    /** Which of these contents the analyzer {@code version} (or a newer one) has analysed: one statement per {@link #BATCH} hashes. */
    public Set<String> analysedSince(Collection<String> sha256s, int version) {
        var found = new HashSet<String>();
        forBatches(sha256s, batch -> found.addAll(jdbc.sql("""
                select distinct sha256 from photo_attributes where sha256 = any(:shas) and analyzer_version >= :version""")
                .param("shas", batch).param("version", version).query(String.class).list()));
        return found;
    }

    public Counts counts(UUID owner, int version) {
        return jdbc.sql("""
                select count(*) as photos,
                       count(*) filter (where coalesce(v.version, s.analyzer_version) = :version) as current,
                       count(*) filter (where coalesce(v.version, s.analyzer_version) < :version) as outdated
                from photos p left join lateral (
                    select max(a.analyzer_version) as version from photo_attributes a where a.sha256 = p.sha256 and p.source = 'upload') v on true
                left join synced_analyses s on s.owner_id = p.owner_id and s.sha256 = p.sha256
                where p.owner_id = :owner and p.trashed_at is null""")
                .param("version", version).param("owner", owner)
                .query((rs, n) -> new Counts(rs.getLong("photos"), rs.getLong("current"), rs.getLong("outdated"))).single();
    }

    /** Removes every analysis of a content. */
    public void deleteContent(String sha256) {
        jdbc.sql("delete from photo_attributes where sha256 = :sha").param("sha", sha256).update();
    }

    /** Stores a content's attributes by analyzer {@code version} and removes those of older versions. */
    public void replace(String sha256, int version, Map<String, Object> attributes) {
        jdbc.sql("""
                insert into photo_attributes (sha256, analyzer_version, attributes, analyzed_at)
                values (:sha, :version, cast(:attributes as jsonb), now())
                on conflict (sha256, analyzer_version) do update set attributes = excluded.attributes, analyzed_at = now()""")
                .param("sha", sha256).param("version", version).param("attributes", json.writeValueAsString(attributes)).update();
        jdbc.sql("delete from photo_attributes where sha256 = :sha and analyzer_version < :version")
                .param("sha", sha256).param("version", version).update();
    }

    /** The owners with an analysed photo whose newest analysis has no {@code key} (analysed before that attribute existed). */
    public List<UUID> ownersMissing(String key) {
        return jdbc.sql("""
                select distinct p.owner_id from photos p join photo_attributes a on a.sha256 = p.sha256
                where a.attributes ->> :key is null""").param("key", key).query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    /** The owner's analysed contents whose stored analysis has no {@code key}. */
    public Set<String> contentsMissing(UUID owner, String key) {
        return new HashSet<>(jdbc.sql("""
                select distinct a.sha256 from photos p join photo_attributes a on a.sha256 = p.sha256
                where p.owner_id = :owner and a.attributes ->> :key is null""").param("owner", owner).param("key", key)
                .query(String.class).list());
    }

    /** Adds one string attribute to every stored analysis of the content, leaving the others as they are. */
    public void addAttribute(String sha256, String key, String value) {
        jdbc.sql("update photo_attributes set attributes = attributes || jsonb_build_object(cast(:key as text), cast(:value as text)) where sha256 = :sha")
                .param("key", key).param("value", value).param("sha", sha256).update();
    }

    @SuppressWarnings("unchecked")
    private StoredAnalysis read(String sha256, int version, String attributes) {
        return new StoredAnalysis(sha256, version, (Map<String, Object>) json.readValue(attributes, Map.class));
    }

    private static void forBatches(Collection<String> sha256s, java.util.function.Consumer<String[]> query) {
        List<String> all = List.copyOf(sha256s);
        for (int from = 0; from < all.size(); from += BATCH) {
            query.accept(all.subList(from, Math.min(all.size(), from + BATCH)).toArray(String[]::new));
        }
    }
}

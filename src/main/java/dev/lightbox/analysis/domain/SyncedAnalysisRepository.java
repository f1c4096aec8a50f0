package dev.lightbox.analysis.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** {@code synced_analyses}: what a user's device computed for some bytes, per (owner, sha256). */
@Repository
public class SyncedAnalysisRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SyncedAnalysisRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record StoredSync(String sha256, int analyzerVersion, Map<String, Object> attributes, Instant analysedAt) {
    }

    /** What a save did: nothing differs from the stored version and attributes ({@code UNCHANGED}). */
    public enum Saved { INSERTED, UPDATED, UNCHANGED }

    /** One of the owner's photos whose effective analysis (the server's, else the synced one) changed at {@code changedAt}. */
    public record Changed(UUID photoId, String sha256, int analyzerVersion, Map<String, Object> attributes, Instant analysedAt,
                          Instant changedAt) {
    }

    public Optional<StoredSync> find(UUID owner, String sha256) {
        return jdbc.sql("""
                select sha256, analyzer_version, attributes::text, analysed_at from synced_analyses where owner_id = :owner and sha256 = :sha""")
                .param("owner", owner).param("sha", sha256).query(this::stored).optional();
    }

    public Map<String, StoredSync> find(UUID owner, Collection<String> sha256s) {
        var found = new HashMap<String, StoredSync>();
        List<String> all = List.copyOf(sha256s);
        for (int from = 0; from < all.size(); from += AnalysisRepository.BATCH) {
            String[] batch = all.subList(from, Math.min(all.size(), from + AnalysisRepository.BATCH)).toArray(String[]::new);
            jdbc.sql("""
                    select sha256, analyzer_version, attributes::text, analysed_at from synced_analyses
                    where owner_id = :owner and sha256 = any(:shas)""")
                    .param("owner", owner).param("shas", batch).query(this::stored).list()
                    .forEach(s -> found.put(s.sha256(), s));
        }
        return found;
    }

    public record ToSave(String sha256, int analyzerVersion, Map<String, Object> attributes, Instant analysedAt) {
    }

    public void delete(UUID owner, String sha256) {
        jdbc.sql("delete from synced_analyses where owner_id = :owner and sha256 = :sha").param("owner", owner).param("sha", sha256).update();
    }

    /**
     * Inserts or replaces the owner's synced analyses of these distinct contents in one statement; a row whose version and
     * attributes (compared as JSON values) are already these is left as it is. What each save did, by content.
     */
    public Map<String, Saved> saveAll(UUID owner, List<ToSave> all) {
        var saved = new HashMap<String, Saved>();
        if (all.isEmpty()) return saved;
        jdbc.sql("""
                insert into synced_analyses (owner_id, sha256, analyzer_version, attributes, analysed_at, received_at, updated_at)
                select :owner, n.sha, cast(n.version as integer), cast(n.attributes as jsonb), cast(n.analysed_at as timestamptz), now(), now()
                from unnest(cast(:shas as text[]), cast(:versions as text[]), cast(:attributes as text[]), cast(:analysedAts as text[]))
                     as n(sha, version, attributes, analysed_at)
                on conflict (owner_id, sha256) do update
                    set analyzer_version = excluded.analyzer_version, attributes = excluded.attributes,
                        analysed_at = excluded.analysed_at, received_at = now(), updated_at = now()
                    where synced_analyses.analyzer_version <> excluded.analyzer_version or synced_analyses.attributes <> excluded.attributes
                returning sha256, (xmax = 0)""")
                .param("owner", owner)
                .param("shas", all.stream().map(ToSave::sha256).toArray(String[]::new))
                .param("versions", all.stream().map(a -> Integer.toString(a.analyzerVersion())).toArray(String[]::new))
                .param("attributes", all.stream().map(a -> json.writeValueAsString(a.attributes())).toArray(String[]::new))
                .param("analysedAts", all.stream().map(a -> a.analysedAt().toString()).toArray(String[]::new))
                .query(rs -> {
                    saved.put(rs.getString(1), rs.getBoolean(2) ? Saved.INSERTED : Saved.UPDATED);
                });
        all.forEach(a -> saved.putIfAbsent(a.sha256(), Saved.UNCHANGED));
        return saved;
    }

    /**
     * The owner's photos whose effective analysis changed (or that arrived: the later of the two) at or after {@code since}, oldest change first, after the
     * keyset position ({@code afterChangedAt}, {@code afterSha256}) when one is given.
     */
    public List<Changed> changedSince(UUID owner, Instant since, @Nullable Instant afterChangedAt, @Nullable String afterSha256, int limit) {
        return jdbc.sql("""
                select * from (
                    select p.id, p.sha256,
                           coalesce(a.analyzer_version, s.analyzer_version) as version,
                           coalesce(a.attributes, s.attributes)::text as attributes,
                           coalesce(a.analyzed_at, s.analysed_at) as analysed_at,
                           greatest(coalesce(a.analyzed_at, s.updated_at), p.uploaded_at) as changed_at
                    from photos p
                    left join lateral (
                        select analyzer_version, attributes, analyzed_at from photo_attributes
                        where sha256 = p.sha256 order by analyzer_version desc limit 1) a on true
                    left join synced_analyses s on s.owner_id = p.owner_id and s.sha256 = p.sha256
                    where p.owner_id = :owner and p.trashed_at is null
                      and (a.analyzer_version is not null or s.analyzer_version is not null)) c
                where c.changed_at >= :since
                  and (cast(:afterChangedAt as timestamptz) is null or (c.changed_at, c.sha256) > (cast(:afterChangedAt as timestamptz), cast(:afterSha as varchar)))
                order by c.changed_at, c.sha256 limit :limit""")
                .param("owner", owner).param("since", Timestamp.from(since))
                .param("afterChangedAt", afterChangedAt == null ? null : Timestamp.from(afterChangedAt))
                .param("afterSha", afterSha256).param("limit", limit)
                .query((rs, n) -> new Changed(rs.getObject("id", UUID.class), rs.getString("sha256"), rs.getInt("version"),
                        attributes(rs.getString("attributes")), rs.getTimestamp("analysed_at").toInstant(), rs.getTimestamp("changed_at").toInstant()))
                .list();
    }

    private StoredSync stored(ResultSet rs, int n) throws SQLException {
        return new StoredSync(rs.getString(1), rs.getInt(2), attributes(rs.getString(3)), rs.getTimestamp(4).toInstant());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> attributes(String text) {
        return (Map<String, Object>) json.readValue(text, Map.class);
    }
}

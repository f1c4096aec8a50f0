package dev.lightbox.scoring.service;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import dev.lightbox.library.service.PhotoRanking;
import java.util.Map;
import java.util.UUID;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.DoubleConsumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored scores ({@code photo_scores}). A whole library is re-scored in one transaction: the
 * attributes are streamed out, reduced in Java (the {@link Reducer} is the one definition of a score),
 * and the new rows go back with COPY, replacing the old ones.
 */
@Repository
class ScoreStore {

    private static final int FETCH = 2_000;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final JsonMapper json;

    ScoreStore(JdbcClient jdbc, DataSource dataSource, JsonMapper json) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Re-scores every analysed photo of the owner under {@code config}; returns how many were scored. */
    @Transactional
    public int rescoreLibrary(UUID owner, ScoringConfig config, DoubleConsumer progress) {
        long total = jdbc.sql("select coalesce((select photos from photo_counts where owner_id = :owner), 0)").param("owner", owner)
                .query(Long.class).single();
        var rows = new StringBuilder(64 * (int) Math.min(total + 1, 2_000_000));
        int[] scored = {0};
        String prefix = "\t" + owner + "\t" + config.id() + "\t";
        double[] weights = Reducer.weights(config);
        forEachAnalysed(owner, (photoId, attributes) -> {
            Reducer.Features features = Reducer.features(attributes);
            rows.append(photoId).append(prefix).append((float) Reducer.scoreOnly(features, weights)).append('\t')
                    .append(Reducer.passes(features, config.thresholds()) ? 't' : 'f').append('\n');
            if (++scored[0] % 10_000 == 0 && total > 0) progress.accept(Math.min(0.9, 0.9 * scored[0] / total));
        });
        jdbc.sql("delete from photo_scores where owner_id = :owner").param("owner", owner).update();
        copy("copy photo_scores (photo_id, owner_id, config_id, score, passed) from stdin", rows.toString());
        progress.accept(1);
        return scored[0];
    }

    /**
     * Streams the owner's analysed photos with their attributes (top-level values: numbers as doubles,
     * strings; nested lists such as face boxes are skipped). Call inside a transaction to stream in batches.
     */
    @Transactional(readOnly = true)
    public void forEachAnalysed(UUID owner, BiConsumer<UUID, Map<String, Object>> consumer) {
        jdbc.sql("""
                select p.id, a.attributes::text from photos p
                join lateral (select attributes from photo_attributes a where a.sha256 = p.sha256
                              order by a.analyzer_version desc limit 1) a on true
                where p.owner_id = :owner""")
                .param("owner", owner).withFetchSize(FETCH)
                .query(rs -> {
                    consumer.accept(rs.getObject(1, UUID.class), parse(rs.getString(2)));
                });
    }

    /** The stored scores of the owner's library, in no particular order. */
    public List<PhotoRanking.Ranked> scores(UUID owner) {
        return jdbc.sql("select photo_id, score, passed from photo_scores where owner_id = :owner").param("owner", owner)
                .query((rs, n) -> new PhotoRanking.Ranked(rs.getObject(1, UUID.class), Math.round(rs.getFloat(2) * 10) / 10.0, rs.getBoolean(3)))
                .list();
    }

    /** Changes whenever a photo is scored, re-scored, added or removed: what a cached profile is keyed by. */
    public String fingerprint(UUID owner) {
        return jdbc.sql("""
                select count(*) || ':' || coalesce(sum(score::numeric), 0) || ':' || coalesce(sum(hashtext(photo_id::text)::bigint), 0)
                       || ':' || coalesce(max(config_id::text), '') || ':' || count(*) filter (where passed)
                from photo_scores where owner_id = :owner""").param("owner", owner).query(String.class).single();
    }

    /** Scores (or re-scores) one photo. */
    public void save(UUID photoId, UUID owner, UUID configId, Reducer.Scored scored) {
        jdbc.sql("""
                insert into photo_scores (photo_id, owner_id, config_id, score, passed) values (:photo, :owner, :config, :score, :passed)
                on conflict (photo_id) do update set config_id = excluded.config_id, score = excluded.score, passed = excluded.passed""")
                .param("photo", photoId).param("owner", owner).param("config", configId).param("score", (float) scored.score())
                .param("passed", scored.passed()).update();
    }

    /** Attribute JSON → map, numbers as doubles; only the top level (the reducer reads no nested value but faceCount). */
    Map<String, Object> parse(String attributes) {
        var map = new java.util.HashMap<String, Object>(32);
        try (JsonParser parser = json.createParser(attributes)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (value) {
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> map.put(name, parser.getDoubleValue());
                    case VALUE_STRING -> map.put(name, parser.getString());
                    case START_ARRAY, START_OBJECT -> parser.skipChildren();
                    default -> { }
                }
            }
        }
        return map;
    }

    private void copy(String sql, String rows) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Writing scores failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}

package dev.lightbox.scoring.service;

import dev.lightbox.library.service.PhotoRanking;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.DoubleConsumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stored scores ({@code photo_scores}, see 008-photo-scores). A whole library is re-scored in one
 * transaction: its old rows are deleted and a COPY is opened on the transaction's connection, while the
 * inputs stream in on a second connection, are reduced in Java (the {@link Reducer} is the one definition
 * of a score) and are written to the COPY as they come: reading and writing overlap in two backends.
 */
@Repository
class ScoreStore {

    private static final int COPY_CHUNK = 256 * 1024;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final ScoreInputs inputs;

    ScoreStore(JdbcClient jdbc, DataSource dataSource, ScoreInputs inputs) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.inputs = inputs;
    }

    /** Re-scores every analysed photo of the owner under {@code config}; returns how many were scored. */
    @Transactional
    public int rescoreLibrary(UUID owner, ScoringConfig config, DoubleConsumer progress) {
        long total = jdbc.sql("select coalesce((select photos from photo_counts where owner_id = :owner), 0)").param("owner", owner)
                .query(Long.class).single();
        Map<UUID, Map<String, Object>> own = inputs.ownerAttributes(owner); // before the COPY occupies this transaction's connection
        lockLibrary(owner);
        jdbc.sql("delete from photo_scores where owner_id = :owner").param("owner", owner).update();
        double[] weights = Reducer.weights(config);
        String tail = "\t" + owner + "\t";
        int[] scored = {0};
        Connection writer = DataSourceUtils.getConnection(dataSource);
        try (Connection reader = dataSource.getConnection()) {
            reader.setAutoCommit(false);
            reader.setReadOnly(true);
            CopyIn copy = writer.unwrap(PGConnection.class).getCopyAPI().copyIn("copy photo_scores (photo_id, owner_id, score, passed) from stdin");
            try {
                var rows = new StringBuilder(COPY_CHUNK + 256);
                inputs.read(reader, owner, own, (photoId, attributes) -> {
                    Reducer.Features features = Reducer.features(attributes);
                    rows.append(photoId).append(tail).append((float) Reducer.scoreOnly(features, weights)).append('\t')
                            .append(Reducer.passes(features, config.thresholds()) ? 't' : 'f').append('\n');
                    if (rows.length() >= COPY_CHUNK) send(copy, rows);
                    if (++scored[0] % 10_000 == 0 && total > 0) progress.accept(Math.min(0.95, (double) scored[0] / total));
                });
                send(copy, rows);
                copy.endCopy();
            } finally {
                if (copy.isActive()) copy.cancelCopy();
                reader.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Re-scoring failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(writer, dataSource);
        }
        progress.accept(1);
        return scored[0];
    }

    private static void send(CopyIn copy, StringBuilder rows) {
        if (rows.isEmpty()) return;
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IllegalStateException("Writing scores failed: " + e.getMessage(), e);
        }
        rows.setLength(0);
    }

    /** Scores (or re-scores) one photo. */
    public void save(UUID photoId, UUID owner, Reducer.Scored scored) {
        delete(owner, photoId);
        jdbc.sql("insert into photo_scores (photo_id, owner_id, score, passed) values (:photo, :owner, :score, :passed)")
                .param("photo", photoId).param("owner", owner).param("score", (float) scored.score()).param("passed", scored.passed()).update();
    }

    public void delete(UUID owner, UUID photoId) {
        lockLibrary(owner);
        jdbc.sql("delete from photo_scores where owner_id = :owner and photo_id = :photo").param("owner", owner).param("photo", photoId).update();
    }

    /** Owners with analysed photos and not one stored score (e.g. after a crash emptied the unlogged table). */
    public List<UUID> ownersMissingScores() {
        return jdbc.sql("""
                select distinct p.owner_id from photos p join score_inputs i on i.sha256 = p.sha256
                where not exists (select 1 from photo_scores s where s.owner_id = p.owner_id)""")
                .query(UUID.class).list();
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
                       || ':' || count(*) filter (where passed)
                from photo_scores where owner_id = :owner""").param("owner", owner).query(String.class).single();
    }

    /**
     * Serialises writers of one library's scores until commit: a photo scored while the library is being
     * re-scored waits, so no photo ends up with two rows (the table has no unique key; see 008-photo-scores).
     */
    private void lockLibrary(UUID owner) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:owner, 7))").param("owner", owner.toString()).query((rs, n) -> 1).list();
    }
}

package dev.lightbox.scoring.domain;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stored scores ({@code photo_scores}, see 008-photo-scores). A whole library is re-scored in one
 * transaction on its one connection: the old rows are deleted, then the inputs are read through one
 * open portal a batch at a time; each batch is scored on another thread while the next is fetched,
 * then written with a COPY. Nothing else is borrowed from the pool meanwhile.
 */
@Repository
public class ScoreRepository {

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    ScoreRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** A photo's stored score. */
    public record StoredScore(UUID photoId, double score, boolean passed) {
    }

    /** A stored score with the photo's date, as a page of the library lists it. */
    public record RankedRow(UUID photoId, double score, boolean passed, LocalDateTime takenAt) {
    }

    /** How a score is computed from one photo's attributes (the scoring service's Reducer). */
    @FunctionalInterface
    public interface Scorer {
        StoredScore score(UUID photoId, Map<String, Object> attributes);
    }

    /** How many photos the owner has (kept by triggers in photo_counts). */
    public long photoCount(UUID owner) {
        return jdbc.sql("select coalesce((select photos from photo_counts where owner_id = :owner), 0)").param("owner", owner)
                .query(Long.class).single();
    }

    /**
     * Replaces every stored score of the owner's analysed photos, in the caller's transaction; {@code scored}
     * hears the running count after each batch. Returns how many photos were scored.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int replaceAll(UUID owner, Map<UUID, Map<String, Object>> own, Scorer scorer, IntConsumer scored) {
        lockLibrary(owner);
        jdbc.sql("delete from photo_scores where owner_id = :owner").param("owner", owner).update();
        int count = 0;
        Connection connection = DataSourceUtils.getConnection(dataSource);
        // One connection: while a batch is scored on another thread, the next one is fetched on this one.
        // The portal stays open between fetches, so each batch's COPY runs on the same connection.
        try (PreparedStatement statement = ScoreInputRepository.library(connection, owner);
             var scoring = Executors.newVirtualThreadPerTaskExecutor()) {
            // binary rows from the first execution: decoding text numbers was a third of the read
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
            statement.setFetchSize(ScoreInputRepository.FETCH);
            try (ResultSet rs = statement.executeQuery()) {
                Future<byte[]> pending = null;
                int pendingRows = 0;
                while (true) {
                    List<ScoreInputRepository.Row> batch = new ArrayList<>(ScoreInputRepository.FETCH);
                    while (batch.size() < ScoreInputRepository.FETCH && rs.next()) batch.add(ScoreInputRepository.row(rs));
                    if (pending != null) {
                        copy(connection, pending.get());
                        count += pendingRows;
                        scored.accept(count);
                    }
                    if (batch.isEmpty()) break;
                    pending = scoring.submit(() -> scoreRows(batch, own, scorer, owner));
                    pendingRows = batch.size();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Re-scoring failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Re-scoring interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Re-scoring failed: " + e.getCause(), e.getCause());
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        return count;
    }

    /** A batch's rows in COPY's binary format: no number is printed here nor parsed by the server. */
    private static byte[] scoreRows(List<ScoreInputRepository.Row> batch, Map<UUID, Map<String, Object>> own, Scorer scorer, UUID owner) {
        ByteBuffer rows = ByteBuffer.allocate(COPY_HEADER.length + batch.size() * ROW_BYTES + 2);
        rows.put(COPY_HEADER);
        for (ScoreInputRepository.Row row : batch) {
            StoredScore score = scorer.score(row.photoId(), row.attributes(own));
            rows.putShort((short) 4);
            rows.putInt(16).putLong(score.photoId().getMostSignificantBits()).putLong(score.photoId().getLeastSignificantBits());
            rows.putInt(16).putLong(owner.getMostSignificantBits()).putLong(owner.getLeastSignificantBits());
            rows.putInt(4).putFloat((float) score.score());
            rows.putInt(1).put((byte) (score.passed() ? 1 : 0));
        }
        rows.putShort((short) -1);
        return rows.array();
    }

    /** Signature, flags and header extension length of a binary COPY stream. */
    private static final byte[] COPY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** Field count, then length and value of photo_id, owner_id, score and passed. */
    private static final int ROW_BYTES = 2 + (4 + 16) * 2 + (4 + 4) + (4 + 1);

    private static void copy(Connection connection, byte[] rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy photo_scores (photo_id, owner_id, score, passed) from stdin (format binary)");
        try {
            copy.writeToCopy(rows, 0, rows.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) copy.cancelCopy();
        }
    }

    /** Scores (or re-scores) one photo. */
    @Transactional
    public void save(UUID owner, StoredScore score) {
        delete(owner, score.photoId());
        jdbc.sql("insert into photo_scores (photo_id, owner_id, score, passed) values (:photo, :owner, :score, :passed)")
                .param("photo", score.photoId()).param("owner", owner).param("score", (float) score.score()).param("passed", score.passed())
                .update();
    }

    @Transactional
    public void delete(UUID owner, UUID photoId) {
        lockLibrary(owner);
        jdbc.sql("delete from photo_scores where owner_id = :owner and photo_id = :photo").param("owner", owner).param("photo", photoId).update();
    }

    /** Owners with analysed photos and not one stored score (e.g. after a crash emptied the unlogged table). */
    public List<UUID> ownersMissingScores() {
        return jdbc.sql("""
                select distinct p.owner_id from photos p
                where (exists (select 1 from score_inputs i where i.sha256 = p.sha256)
                       or exists (select 1 from synced_score_inputs s where s.owner_id = p.owner_id and s.sha256 = p.sha256))
                  and not exists (select 1 from photo_scores s where s.owner_id = p.owner_id)""")
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    /** The stored scores of the owner's library (not of photos in the trash, whose scores wait for a restore), in no particular order. */
    public List<StoredScore> scores(UUID owner) {
        return jdbc.sql("""
                select s.photo_id, s.score, s.passed from photo_scores s join photos p on p.id = s.photo_id
                where s.owner_id = :owner and p.trashed_at is null""").param("owner", owner)
                .query((rs, n) -> new StoredScore(rs.getObject(1, UUID.class), Math.round(rs.getFloat(2) * 10) / 10.0, rs.getBoolean(3)))
                .list();
    }

    /** Changes whenever a photo is scored, re-scored, added, removed, trashed or restored: what a cached profile is keyed by. */
    public String fingerprint(UUID owner) {
        return jdbc.sql("""
                select count(*) || ':' || coalesce(sum(s.score::numeric), 0) || ':' || coalesce(sum(hashtext(s.photo_id::text)::bigint), 0)
                       || ':' || count(*) filter (where s.passed)
                from photo_scores s join photos p on p.id = s.photo_id where s.owner_id = :owner and p.trashed_at is null""").param("owner", owner).query(String.class).single();
    }

    /** Where a page of the library starts: after this (score or date, id), or at the top when null. */
    public record Position(Object key, UUID id) {
    }

    /** One page ({@code limit} rows) of the owner's scored photos, by score either way or newest first, with score and flag filters. */
    public List<RankedRow> page(UUID owner, boolean byScore, boolean ascending, @Nullable Float minScore, @Nullable Float maxScore,
                                @Nullable Boolean passed, @Nullable String flag, @Nullable Position after, int limit) {
        String keyset = after == null ? "" : byScore
                ? (ascending ? "and (s.score, s.photo_id) > (:k1, :k2)" : "and (s.score, s.photo_id) < (:k1, :k2)")
                : "and (p.taken_at, p.id) < (:k1, :k2)";
        String order = byScore
                ? (ascending ? "s.score asc, s.photo_id asc" : "s.score desc, s.photo_id desc")
                : "p.taken_at desc, p.id desc";
        var spec = jdbc.sql("""
                select s.photo_id, s.score, s.passed, p.taken_at from photo_scores s join photos p on p.id = s.photo_id
                where s.owner_id = :owner and p.owner_id = :owner and p.trashed_at is null
                  and (cast(:min as real) is null or s.score >= :min) and (cast(:max as real) is null or s.score <= :max)
                  and (cast(:passed as boolean) is null or s.passed = :passed)
                  and (cast(:flag as varchar) is null or p.flag = :flag) %s
                order by %s limit :limit""".formatted(keyset, order))
                .param("owner", owner).param("min", minScore).param("max", maxScore).param("passed", passed).param("flag", flag).param("limit", limit);
        if (after != null) spec = spec.param("k1", after.key()).param("k2", after.id());
        return spec.query((rs, n) -> new RankedRow(rs.getObject("photo_id", UUID.class), Math.round(rs.getFloat("score") * 10) / 10.0,
                rs.getBoolean("passed"), rs.getTimestamp("taken_at").toLocalDateTime())).list();
    }

    /** How many of the owner's scored photos {@link #page} lists under these filters. */
    public long count(UUID owner, @Nullable Float minScore, @Nullable Float maxScore, @Nullable Boolean passed, @Nullable String flag) {
        return jdbc.sql("""
                select count(*) from photo_scores s join photos p on p.id = s.photo_id
                where s.owner_id = :owner and p.owner_id = :owner and p.trashed_at is null
                  and (cast(:min as real) is null or s.score >= :min) and (cast(:max as real) is null or s.score <= :max)
                  and (cast(:passed as boolean) is null or s.passed = :passed)
                  and (cast(:flag as varchar) is null or p.flag = :flag)""")
                .param("owner", owner).param("min", minScore).param("max", maxScore).param("passed", passed).param("flag", flag)
                .query(Long.class).single();
    }

    /**
     * Serialises writers of one library's scores until commit: a photo scored while the library is being
     * re-scored waits, so no photo ends up with two rows (the table has no unique key; see 008-photo-scores).
     */
    private void lockLibrary(UUID owner) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:owner, 7))").param("owner", owner.toString()).query((rs, n) -> 1).list();
    }

    /**
     * Serialises asking for a library's re-scoring with a re-scoring job starting, until commit: a job
     * that starts (and stops deduplicating new requests) after a config change was asked for reads the
     * committed change.
     */
    public void lockRescoreRequests(UUID owner) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:owner, 8))").param("owner", owner.toString()).query((rs, n) -> 1).list();
    }
}

package dev.lightbox.scoring.service;

import dev.lightbox.library.service.KeysetCursor;
import dev.lightbox.library.service.PhotoQuery;
import dev.lightbox.library.service.PhotoRanking;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pages of a library by stored score (keyset on (score, id), either direction) or newest first with
 * score filters (keyset on (taken_at, id)). Cursors: "s|score|id" and "d|takenAt|id", base64url.
 */
@Component
class ScoreRanking implements PhotoRanking {

    private final JdbcClient jdbc;

    ScoreRanking(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean supports(PhotoQuery query) {
        return !query.labelFiltered() && (query.byScore() || query.scoreFiltered());
    }

    @Override
    @Transactional(readOnly = true)
    public Page page(UUID ownerId, PhotoQuery query, @Nullable String cursor, int limit) {
        String[] position = cursor == null || cursor.isBlank() ? null : decode(cursor, query.byScore() ? "s" : "d");
        boolean ascending = query.sort() == PhotoQuery.Sort.WORST;
        String keyset = position == null ? "" : query.byScore()
                ? (ascending ? "and (s.score, s.photo_id) > (:k1, :k2)" : "and (s.score, s.photo_id) < (:k1, :k2)")
                : "and (p.taken_at, p.id) < (:k1, :k2)";
        String order = query.byScore()
                ? (ascending ? "s.score asc, s.photo_id asc" : "s.score desc, s.photo_id desc")
                : "p.taken_at desc, p.id desc";
        var spec = jdbc.sql("""
                select s.photo_id, s.score, s.passed, p.taken_at from photo_scores s join photos p on p.id = s.photo_id
                where s.owner_id = :owner and p.owner_id = :owner
                  and (cast(:min as real) is null or s.score >= :min) and (cast(:max as real) is null or s.score <= :max)
                  and (cast(:passed as boolean) is null or s.passed = :passed) %s
                order by %s limit :limit""".formatted(keyset, order))
                .param("owner", ownerId).param("min", query.minScore() == null ? null : query.minScore().floatValue())
                .param("max", query.maxScore() == null ? null : query.maxScore().floatValue()).param("passed", query.passed())
                .param("limit", limit + 1);
        if (position != null) {
            if (query.byScore()) spec = spec.param("k1", Float.parseFloat(position[1])).param("k2", UUID.fromString(position[2]));
            else spec = spec.param("k1", LocalDateTime.parse(position[1])).param("k2", UUID.fromString(position[2]));
        }
        var takenAt = new ArrayList<LocalDateTime>();
        List<Ranked> rows = spec.query((rs, n) -> {
            takenAt.add(rs.getTimestamp("taken_at").toLocalDateTime());
            return new Ranked(rs.getObject("photo_id", UUID.class), Math.round(rs.getFloat("score") * 10) / 10.0, rs.getBoolean("passed"));
        }).list();
        if (rows.size() <= limit) return new Page(rows, null);
        List<Ranked> items = rows.subList(0, limit);
        Ranked last = items.getLast();
        String next = query.byScore() ? encode("s", Float.toString((float) last.score()), last.photoId())
                : encode("d", takenAt.get(limit - 1).toString(), last.photoId());
        return new Page(List.copyOf(items), next);
    }

    private static String encode(String kind, String key, UUID id) {
        return KeysetCursor.encode(kind, key, id);
    }

    private static String[] decode(String cursor, String kind) {
        return KeysetCursor.decode(cursor, 3).filter(parts -> parts[0].equals(kind) && parses(parts))
                .orElseThrow(() -> new IllegalArgumentException("cursor: not a cursor this server issued for this sort"));
    }

    private static boolean parses(String[] parts) {
        try {
            if (parts[0].equals("s")) Float.parseFloat(parts[1]);
            else LocalDateTime.parse(parts[1]);
            UUID.fromString(parts[2]);
            return true;
        } catch (RuntimeException malformed) {
            return false;
        }
    }
}

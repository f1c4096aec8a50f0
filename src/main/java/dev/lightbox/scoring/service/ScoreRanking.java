package dev.lightbox.scoring.service;

import dev.lightbox.library.service.KeysetCursor;
import dev.lightbox.library.service.PhotoFlag;
import dev.lightbox.library.service.PhotoQuery;
import dev.lightbox.library.service.PhotoRanking;
import dev.lightbox.scoring.domain.ScoreRepository;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pages of a library by stored score (keyset on (score, id), either direction) or newest first with
 * score filters (keyset on (taken_at, id)). Cursors: "s|score|id" and "d|takenAt|id", base64url.
 */
@Component
class ScoreRanking implements PhotoRanking {

    private final ScoreRepository scores;

    ScoreRanking(ScoreRepository scores) {
        this.scores = scores;
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
        ScoreRepository.@Nullable Position after = position == null ? null : new ScoreRepository.Position(
                query.byScore() ? (Object) Float.parseFloat(position[1]) : LocalDateTime.parse(position[1]), UUID.fromString(position[2]));
        var takenAt = new ArrayList<LocalDateTime>();
        List<Ranked> rows = scores.page(ownerId, query.byScore(), ascending, query.minScore() == null ? null : query.minScore().floatValue(),
                query.maxScore() == null ? null : query.maxScore().floatValue(), query.passed(), flagName(query), after, limit + 1).stream().map(row -> {
                    takenAt.add(row.takenAt());
                    return new Ranked(row.photoId(), row.score(), row.passed());
                }).toList();
        if (rows.size() <= limit) return new Page(rows, null);
        List<Ranked> items = rows.subList(0, limit);
        Ranked last = items.getLast();
        String next = query.byScore() ? encode("s", Float.toString((float) last.score()), last.photoId())
                : encode("d", takenAt.get(limit - 1).toString(), last.photoId());
        return new Page(List.copyOf(items), next);
    }

    private static @Nullable String flagName(PhotoQuery query) {
        PhotoFlag flag = query.flag();
        return flag == null ? null : flag.name();
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

package dev.lightbox.training.service;

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
 * The timeline filtered by a label the user gave, or by the top label the active model predicted: newest
 * first, keyset on (taken_at, id); cursor "l|takenAt|id".
 */
@Component
class LabelRanking implements PhotoRanking {

    private final JdbcClient jdbc;

    LabelRanking(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean supports(PhotoQuery query) {
        return (query.label() == null) != (query.predictedLabel() == null) && !query.byScore() && !query.scoreFiltered();
    }

    @Override
    @Transactional(readOnly = true)
    public Page page(UUID ownerId, PhotoQuery query, @Nullable String cursor, int limit) {
        boolean predicted = query.predictedLabel() != null;
        String label = LabelService.normalise(predicted ? query.predictedLabel() : query.label());
        String[] position = cursor == null || cursor.isBlank() ? null : decode(cursor);
        String source = predicted
                ? "photo_predictions l join models m on m.id = l.model_id and m.active join photos p on p.id = l.photo_id"
                : "photo_labels l join photos p on p.id = l.photo_id";
        String match = predicted ? "l.top_label = :label" : "l.label = :label";
        var spec = jdbc.sql("""
                select p.id, p.taken_at from %s
                where l.owner_id = :owner and p.owner_id = :owner and %s %s
                order by p.taken_at desc, p.id desc limit :limit""".formatted(source, match,
                        position == null ? "" : "and (p.taken_at, p.id) < (:t, :id)"))
                .param("owner", ownerId).param("label", label).param("limit", limit + 1);
        if (position != null) spec = spec.param("t", LocalDateTime.parse(position[1])).param("id", UUID.fromString(position[2]));
        var takenAt = new ArrayList<LocalDateTime>();
        List<Ranked> rows = spec.query((rs, n) -> {
            takenAt.add(rs.getTimestamp(2).toLocalDateTime());
            return new Ranked(rs.getObject(1, UUID.class), Double.NaN, true);
        }).list();
        if (rows.size() <= limit) return new Page(rows, null);
        Ranked last = rows.get(limit - 1);
        String next = KeysetCursor.encode("l", takenAt.get(limit - 1), last.photoId());
        return new Page(List.copyOf(rows.subList(0, limit)), next);
    }

    private static String[] decode(String cursor) {
        return KeysetCursor.decode(cursor, 3).filter(parts -> parts[0].equals("l") && parses(parts))
                .orElseThrow(() -> new IllegalArgumentException("cursor: not a cursor this server issued for this label filter"));
    }

    private static boolean parses(String[] parts) {
        try {
            LocalDateTime.parse(parts[1]);
            UUID.fromString(parts[2]);
            return true;
        } catch (RuntimeException malformed) {
            return false;
        }
    }
}

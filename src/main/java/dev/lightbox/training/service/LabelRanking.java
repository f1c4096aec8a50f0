package dev.lightbox.training.service;

import dev.lightbox.library.service.KeysetCursor;
import dev.lightbox.library.service.PhotoFlag;
import dev.lightbox.library.service.PhotoQuery;
import dev.lightbox.library.service.PhotoRanking;
import dev.lightbox.training.domain.LabelRepository;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The timeline filtered by a label the user gave, or by the top label the active model predicted: newest
 * first, keyset on (taken_at, id); cursor "l|takenAt|id".
 */
@Component
class LabelRanking implements PhotoRanking {

    private final LabelRepository labels;

    LabelRanking(LabelRepository labels) {
        this.labels = labels;
    }

    @Override
    public boolean supports(PhotoQuery query) {
        return (query.label() == null) != (query.predictedLabel() == null) && !query.byScore() && !query.scoreFiltered();
    }

    @Override
    @Transactional(readOnly = true)
    public Page page(UUID ownerId, PhotoQuery query, @Nullable String cursor, int limit) {
        String predictedLabel = query.predictedLabel();
        boolean predicted = predictedLabel != null;
        String chosen = predictedLabel != null ? predictedLabel : query.label();
        if (chosen == null) throw new IllegalArgumentException("a label page needs a label or a predicted label");
        String label = LabelService.normalise(chosen);
        PhotoFlag flag = query.flag();
        String[] position = cursor == null || cursor.isBlank() ? null : decode(cursor);
        List<LabelRepository.Dated> found = labels.newestWith(ownerId, label, predicted, flag == null ? null : flag.name(), position == null ? null : LocalDateTime.parse(position[1]),
                position == null ? null : UUID.fromString(position[2]), limit + 1);
        List<Ranked> rows = found.stream().map(d -> new Ranked(d.photoId(), Double.NaN, true)).toList();
        if (rows.size() <= limit) return new Page(rows, null);
        Ranked last = rows.get(limit - 1);
        String next = KeysetCursor.encode("l", found.get(limit - 1).takenAt(), last.photoId());
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

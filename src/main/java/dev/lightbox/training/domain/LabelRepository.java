package dev.lightbox.training.domain;

import dev.lightbox.library.service.PhotoLabels.LabelCount;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code photo_labels}: the labels users gave their photos, every read and write scoped to the owner. */
@Repository
public class LabelRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    LabelRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A photo newest first, by when it was taken. */
    public record Dated(UUID photoId, LocalDateTime takenAt) {
    }

    public void clear(UUID owner, UUID photoId) {
        jdbc.sql("delete from photo_labels where photo_id = :photo and owner_id = :owner").param("photo", photoId).param("owner", owner).update();
    }

    public void insert(UUID owner, UUID photoId, String label) {
        jdbc.sql("insert into photo_labels (photo_id, owner_id, label, added_at) values (:photo, :owner, :label, :at) on conflict do nothing")
                .param("photo", photoId).param("owner", owner).param("label", label).param("at", Timestamp.from(clock.instant())).update();
    }

    public List<String> labelsOf(UUID owner, UUID photoId) {
        return jdbc.sql("select label from photo_labels where photo_id = :photo and owner_id = :owner order by label")
                .param("photo", photoId).param("owner", owner).query((rs, n) -> rs.getString(1)).list();
    }

    /** The owner's labels with how many photos (not in the trash) carry each. */
    public List<LabelCount> counts(UUID owner) {
        return jdbc.sql("""
                select l.label, count(*) from photo_labels l join photos p on p.id = l.photo_id
                where l.owner_id = :owner and p.trashed_at is null group by l.label order by count(*) desc, l.label""")
                .param("owner", owner).query((rs, n) -> new LabelCount(rs.getString(1), rs.getLong(2))).list();
    }

    /** The owner's photos (not in the trash: they leave training sets) with the label. */
    public List<UUID> photosWith(UUID owner, String label) {
        return new ArrayList<>(jdbc.sql("""
                        select l.photo_id from photo_labels l join photos p on p.id = l.photo_id
                        where l.owner_id = :owner and l.label = :label and p.trashed_at is null""")
                .param("owner", owner).param("label", label).query(UUID.class).list());
    }

    /**
     * Up to {@code limit} of the owner's photos with the label (given, or the active model's top prediction
     * when {@code predicted}), newest taken first, after {@code (takenAt, id)} when given.
     */
    public List<Dated> newestWith(UUID owner, String label, boolean predicted, @Nullable String flag, @Nullable LocalDateTime afterTakenAt,
                                  @Nullable UUID afterId, int limit) {
        String source = predicted
                ? "photo_predictions l join models m on m.id = l.model_id and m.active join photos p on p.id = l.photo_id"
                : "photo_labels l join photos p on p.id = l.photo_id";
        String match = predicted ? "l.top_label = :label" : "l.label = :label";
        boolean after = afterTakenAt != null && afterId != null;
        var spec = jdbc.sql("""
                select p.id, p.taken_at from %s
                where l.owner_id = :owner and p.owner_id = :owner and p.trashed_at is null and %s %s %s
                order by p.taken_at desc, p.id desc limit :limit""".formatted(source, match, after ? "and (p.taken_at, p.id) < (:t, :id)" : "",
                flag != null ? "and p.flag = :flag" : ""))
                .param("owner", owner).param("label", label).param("limit", limit);
        if (flag != null) spec = spec.param("flag", flag);
        if (after) spec = spec.param("t", afterTakenAt).param("id", afterId);
        return spec.query((rs, n) -> new Dated(rs.getObject(1, UUID.class), rs.getTimestamp(2).toLocalDateTime())).list();
    }

    /** How many of the owner's photos {@link #newestWith} lists for this label. */
    public long countWith(UUID owner, String label, boolean predicted, @Nullable String flag) {
        String source = predicted
                ? "photo_predictions l join models m on m.id = l.model_id and m.active join photos p on p.id = l.photo_id"
                : "photo_labels l join photos p on p.id = l.photo_id";
        String match = predicted ? "l.top_label = :label" : "l.label = :label";
        var spec = jdbc.sql("select count(*) from %s where l.owner_id = :owner and p.owner_id = :owner and p.trashed_at is null and %s %s".formatted(source, match,
                flag != null ? "and p.flag = :flag" : "")).param("owner", owner).param("label", label);
        if (flag != null) spec = spec.param("flag", flag);
        return spec.query(Long.class).single();
    }
}

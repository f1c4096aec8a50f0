package dev.lightbox.training.domain;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** {@code photo_predictions}: what a user's model predicted for their photos. */
@Repository
public class PredictionRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    PredictionRepository(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public void save(UUID photoId, UUID modelId, UUID owner, int version, List<Map<String, Object>> labels) {
        jdbc.sql("""
                insert into photo_predictions (photo_id, model_id, owner_id, version, top_label, labels, created_at)
                values (:photo, :model, :owner, :version, :top, cast(:labels as jsonb), :at)
                on conflict (photo_id, model_id) do update set version = excluded.version, top_label = excluded.top_label,
                    labels = excluded.labels, created_at = excluded.created_at""")
                .param("photo", photoId).param("model", modelId).param("owner", owner).param("version", version)
                .param("top", labels.getFirst().get("label")).param("labels", json.writeValueAsString(labels))
                .param("at", Timestamp.from(clock.instant())).update();
    }

    /** The prediction of the owner's active model for the photo. */
    @SuppressWarnings("unchecked")
    public Optional<List<Map<String, Object>>> active(UUID owner, UUID photoId) {
        return jdbc.sql("""
                select p.labels::text from photo_predictions p join models m on m.id = p.model_id and m.active
                where p.owner_id = :owner and p.photo_id = :photo""")
                .param("owner", owner).param("photo", photoId).query(String.class).optional()
                .map(text -> (List<Map<String, Object>>) json.readValue(text, List.class));
    }

    /** The active model's top labels in the owner's library, with counts. */
    public List<dev.lightbox.library.service.PhotoLabels.LabelCount> activeLabels(UUID owner) {
        return jdbc.sql("""
                select p.top_label, count(*) from photo_predictions p join models m on m.id = p.model_id and m.active
                join photos ph on ph.id = p.photo_id
                where p.owner_id = :owner and ph.trashed_at is null group by p.top_label order by count(*) desc, p.top_label""")
                .param("owner", owner).query((rs, n) -> new dev.lightbox.library.service.PhotoLabels.LabelCount(rs.getString(1), rs.getLong(2)))
                .list();
    }
}

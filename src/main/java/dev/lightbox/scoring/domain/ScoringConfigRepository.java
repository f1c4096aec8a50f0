package dev.lightbox.scoring.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** {@code scoring_configs}: a user's configs, weights and thresholds as JSON. */
@Repository
public class ScoringConfigRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ScoringConfigRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A stored config; {@code thresholds} is read as {@code type}. */
    public record Row<T>(UUID id, String name, Map<String, Double> weights, T thresholds, boolean active, Instant createdAt) {
    }

    /** Serialises creating one owner's presets, until commit. */
    public void lockOwner(UUID owner) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:owner, 1))").param("owner", owner.toString()).query((rs, n) -> 1).list();
    }

    /** The owner's configs (or the one with {@code id}), oldest first. */
    @SuppressWarnings("unchecked")
    public <T> List<Row<T>> find(UUID owner, @Nullable UUID id, Class<T> thresholds) {
        return jdbc.sql("""
                select * from scoring_configs where owner_id = :owner and (cast(:id as uuid) is null or id = :id)
                order by created_at, name""")
                .param("owner", owner).param("id", id)
                .query((rs, n) -> {
                    Map<String, Object> rawWeights = json.readValue(rs.getString("weights"), Map.class);
                    var weights = new LinkedHashMap<String, Double>();
                    rawWeights.forEach((k, v) -> weights.put(k, ((Number) v).doubleValue()));
                    return new Row<>(rs.getObject("id", UUID.class), rs.getString("name"), weights,
                            json.readValue(rs.getString("thresholds"), thresholds), rs.getBoolean("active"),
                            rs.getTimestamp("created_at").toInstant());
                }).list();
    }

    public UUID insert(UUID owner, String name, Map<String, Double> weights, Object thresholds, boolean active, Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into scoring_configs (id, owner_id, name, weights, thresholds, active, created_at)
                values (:id, :owner, :name, cast(:weights as jsonb), cast(:thresholds as jsonb), :active, :created)""")
                .param("id", id).param("owner", owner).param("name", name).param("weights", json.writeValueAsString(weights))
                .param("thresholds", json.writeValueAsString(thresholds)).param("active", active)
                .param("created", Timestamp.from(at)).update();
        return id;
    }

    public void update(UUID owner, UUID id, String name, Map<String, Double> weights, Object thresholds) {
        jdbc.sql("""
                update scoring_configs set name = :name, weights = cast(:weights as jsonb), thresholds = cast(:thresholds as jsonb)
                where id = :id and owner_id = :owner""")
                .param("name", name).param("weights", json.writeValueAsString(weights))
                .param("thresholds", json.writeValueAsString(thresholds)).param("id", id).param("owner", owner).update();
    }

    public void delete(UUID owner, UUID id) {
        jdbc.sql("delete from scoring_configs where id = :id and owner_id = :owner").param("id", id).param("owner", owner).update();
    }

    /** Makes {@code id} the owner's one active config. */
    public void activate(UUID owner, UUID id) {
        jdbc.sql("update scoring_configs set active = false where owner_id = :owner and active").param("owner", owner).update();
        jdbc.sql("update scoring_configs set active = true where id = :id and owner_id = :owner").param("id", id).param("owner", owner).update();
    }
}

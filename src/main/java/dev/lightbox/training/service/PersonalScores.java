package dev.lightbox.training.service;

import dev.lightbox.analysis.service.OwnerAttributes;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The personal score: predicted stars (1..5) per photo from the regressor learnt on the user's ratings,
 * offered to analysis and scoring as the attribute {@code personal}; and what the last learning found.
 */
@Component
public class PersonalScores implements OwnerAttributes {

    private final JdbcClient jdbc;

    PersonalScores(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What "learn my taste" last produced for a user: from how many ratings, its cross-validated Spearman ρ, photos scored. */
    public record Taste(int ratings, double spearman, int photos, Instant trainedAt) {
    }

    @Override
    public Map<String, Object> attributes(UUID ownerId, UUID photoId) {
        return jdbc.sql("select stars from personal_scores where owner_id = :owner and photo_id = :photo").param("owner", ownerId).param("photo", photoId)
                .query(Double.class).optional().<Map<String, Object>>map(stars -> Map.of("personal", Math.round(stars * 100) / 100.0)).orElse(Map.of());
    }

    @Override
    public Map<UUID, Map<String, Object>> library(UUID ownerId) {
        var all = new HashMap<UUID, Map<String, Object>>();
        jdbc.sql("select photo_id, stars from personal_scores where owner_id = :owner").param("owner", ownerId)
                .query(rs -> {
                    all.put(rs.getObject(1, UUID.class), Map.of("personal", Math.round(rs.getFloat(2) * 100) / 100.0));
                });
        return all;
    }

    void replace(UUID owner, Map<UUID, Double> stars, int ratings, double spearman, Instant at) {
        jdbc.sql("delete from personal_scores where owner_id = :owner").param("owner", owner).update();
        stars.forEach((photo, value) -> jdbc.sql("insert into personal_scores (photo_id, owner_id, stars) values (:photo, :owner, :stars)")
                .param("photo", photo).param("owner", owner).param("stars", (float) Math.clamp(value, 1, 5)).update());
        jdbc.sql("""
                insert into taste_models (owner_id, ratings, spearman, photos, trained_at) values (:owner, :ratings, :rho, :photos, :at)
                on conflict (owner_id) do update set ratings = excluded.ratings, spearman = excluded.spearman, photos = excluded.photos,
                    trained_at = excluded.trained_at""")
                .param("owner", owner).param("ratings", ratings).param("rho", spearman).param("photos", stars.size())
                .param("at", Timestamp.from(at)).update();
    }

    Optional<Taste> taste(UUID owner) {
        return jdbc.sql("select ratings, spearman, photos, trained_at from taste_models where owner_id = :owner").param("owner", owner)
                .query((rs, n) -> new Taste(rs.getInt(1), rs.getDouble(2), rs.getInt(3), rs.getTimestamp(4).toInstant())).optional();
    }
}

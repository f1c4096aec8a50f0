package dev.lightbox.training.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What "learn my taste" reads and writes: a user's star ratings, the predicted stars per photo, the last result. */
@Repository
public class TasteRepository {

    private final JdbcClient jdbc;

    TasteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the last learning found for a user. */
    public record TasteRow(int ratings, double spearman, int photos, Instant trainedAt) {
    }

    /** The owner's star ratings, by photo (not of photos in the trash: they leave what taste learns from). */
    public Map<UUID, Integer> ratings(UUID owner) {
        var ratings = new HashMap<UUID, Integer>();
        jdbc.sql("""
                select r.photo_id, r.stars from photo_ratings r join photos p on p.id = r.photo_id
                where r.owner_id = :owner and p.trashed_at is null""").param("owner", owner)
                .query(rs -> {
                    ratings.put(rs.getObject(1, UUID.class), rs.getInt(2));
                });
        return ratings;
    }

    public Optional<Double> personalScore(UUID owner, UUID photo) {
        return jdbc.sql("select stars from personal_scores where owner_id = :owner and photo_id = :photo").param("owner", owner).param("photo", photo)
                .query(Double.class).optional();
    }

    /** The owner's predicted stars, by photo. */
    public Map<UUID, Double> personalScores(UUID owner) {
        var all = new HashMap<UUID, Double>();
        jdbc.sql("select photo_id, stars from personal_scores where owner_id = :owner").param("owner", owner)
                .query(rs -> {
                    all.put(rs.getObject(1, UUID.class), (double) rs.getFloat(2));
                });
        return all;
    }

    /** Replaces the owner's predicted stars (in one statement) and records what the learning found. */
    public void replace(UUID owner, Map<UUID, Float> stars, TasteRow taste) {
        jdbc.sql("delete from personal_scores where owner_id = :owner").param("owner", owner).update();
        var ids = stars.keySet().toArray(UUID[]::new);
        String[] photos = new String[ids.length];
        Float[] values = new Float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            photos[i] = ids[i].toString();
            values[i] = stars.getOrDefault(ids[i], 0f);
        }
        jdbc.sql("""
                insert into personal_scores (photo_id, owner_id, stars)
                select photo, :owner, value from unnest(cast(:photos as uuid[]), cast(:stars as real[])) as s(photo, value)""")
                .param("owner", owner).param("photos", photos).param("stars", values).update();
        jdbc.sql("""
                insert into taste_models (owner_id, ratings, spearman, photos, trained_at) values (:owner, :ratings, :rho, :photos, :at)
                on conflict (owner_id) do update set ratings = excluded.ratings, spearman = excluded.spearman, photos = excluded.photos,
                    trained_at = excluded.trained_at""")
                .param("owner", owner).param("ratings", taste.ratings()).param("rho", taste.spearman()).param("photos", taste.photos())
                .param("at", Timestamp.from(taste.trainedAt())).update();
    }

    public Optional<TasteRow> taste(UUID owner) {
        return jdbc.sql("select ratings, spearman, photos, trained_at from taste_models where owner_id = :owner").param("owner", owner)
                .query((rs, n) -> new TasteRow(rs.getInt(1), rs.getDouble(2), rs.getInt(3), rs.getTimestamp(4).toInstant())).optional();
    }
}

package dev.lightbox.training.domain;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code photo_ratings}: 1–5 stars per photo, scoped to the owner. */
@Repository
public class RatingRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    RatingRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void clear(UUID owner, UUID photoId) {
        jdbc.sql("delete from photo_ratings where photo_id = :photo and owner_id = :owner").param("photo", photoId).param("owner", owner).update();
    }

    public void set(UUID owner, UUID photoId, int stars) {
        jdbc.sql("""
                insert into photo_ratings (photo_id, owner_id, stars, rated_at) values (:photo, :owner, :stars, :at)
                on conflict (photo_id) do update set stars = excluded.stars, rated_at = excluded.rated_at""")
                .param("photo", photoId).param("owner", owner).param("stars", stars).param("at", Timestamp.from(clock.instant())).update();
    }

    public Optional<Integer> of(UUID owner, UUID photoId) {
        return jdbc.sql("select stars from photo_ratings where photo_id = :photo and owner_id = :owner")
                .param("photo", photoId).param("owner", owner).query(Integer.class).optional();
    }

    /** How many of the owner's photos not in the trash are rated (what learning trains on). */
    public long count(UUID owner) {
        return jdbc.sql("""
                select count(*) from photo_ratings r join photos p on p.id = r.photo_id
                where r.owner_id = :owner and p.trashed_at is null""").param("owner", owner).query(Long.class).single();
    }
}

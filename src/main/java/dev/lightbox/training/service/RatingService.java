package dev.lightbox.training.service;

import dev.lightbox.library.service.PhotoService;
import dev.lightbox.training.service.LabelException.Reason;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** 1–5 star ratings of a user's own photos (what "learn my taste" learns from). */
@Service
public class RatingService {

    private final JdbcClient jdbc;
    private final PhotoService photos;
    private final Clock clock;

    RatingService(JdbcClient jdbc, PhotoService photos, Clock clock) {
        this.jdbc = jdbc;
        this.photos = photos;
        this.clock = clock;
    }

    /** Sets the rating, or clears it with null. */
    @Transactional
    public Optional<Integer> rate(UUID owner, UUID photoId, @Nullable Integer stars) {
        if (photos.find(owner, photoId).isEmpty()) throw new LabelException(Reason.NOT_FOUND, "No such photo.");
        if (stars == null) {
            jdbc.sql("delete from photo_ratings where photo_id = :photo and owner_id = :owner").param("photo", photoId).param("owner", owner).update();
            return Optional.empty();
        }
        if (stars < 1 || stars > 5) throw new LabelException(Reason.INVALID, "stars: a rating is 1 to 5 stars (null clears it).");
        jdbc.sql("""
                insert into photo_ratings (photo_id, owner_id, stars, rated_at) values (:photo, :owner, :stars, :at)
                on conflict (photo_id) do update set stars = excluded.stars, rated_at = excluded.rated_at""")
                .param("photo", photoId).param("owner", owner).param("stars", stars).param("at", Timestamp.from(clock.instant())).update();
        return Optional.of(stars);
    }

    @Transactional(readOnly = true)
    public Optional<Integer> ratingOf(UUID owner, UUID photoId) {
        return jdbc.sql("select stars from photo_ratings where photo_id = :photo and owner_id = :owner")
                .param("photo", photoId).param("owner", owner).query(Integer.class).optional();
    }

    @Transactional(readOnly = true)
    public long count(UUID owner) {
        return jdbc.sql("select count(*) from photo_ratings where owner_id = :owner").param("owner", owner).query(Long.class).single();
    }
}

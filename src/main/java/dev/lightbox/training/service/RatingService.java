package dev.lightbox.training.service;

import dev.lightbox.library.service.PhotoService;
import dev.lightbox.training.domain.RatingRepository;
import dev.lightbox.training.service.LabelException.Reason;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** 1–5 star ratings of a user's own photos (what "learn my taste" learns from); culling's viewer rates through it. */
@Service
@org.springframework.modulith.NamedInterface("ratings")
public class RatingService {

    private final RatingRepository ratings;
    private final PhotoService photos;

    RatingService(RatingRepository ratings, PhotoService photos) {
        this.ratings = ratings;
        this.photos = photos;
    }

    /** Sets the rating, or clears it with null. */
    @Transactional
    public Optional<Integer> rate(UUID owner, UUID photoId, @Nullable Integer stars) {
        if (photos.find(owner, photoId).isEmpty()) throw new LabelException(Reason.NOT_FOUND, "No such photo.");
        if (stars == null) {
            ratings.clear(owner, photoId);
            return Optional.empty();
        }
        if (stars < 1 || stars > 5) throw new LabelException(Reason.INVALID, "stars: a rating is 1 to 5 stars (null clears it).");
        ratings.set(owner, photoId, stars);
        return Optional.of(stars);
    }

    @Transactional(readOnly = true)
    public Optional<Integer> ratingOf(UUID owner, UUID photoId) {
        return ratings.of(owner, photoId);
    }

    @Transactional(readOnly = true)
    public long count(UUID owner) {
        return ratings.count(owner);
    }
}

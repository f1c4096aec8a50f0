package dev.lightbox.training.service;

import dev.lightbox.jobs.JobService;
import dev.lightbox.training.service.LabelException.Reason;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** "Learn my taste" from star ratings: started once there are enough ratings; the last result. */
@Service
public class TasteService {

    public static final int MIN_RATINGS = 30;

    private final RatingService ratings;
    private final PersonalScores scores;
    private final JobService jobs;

    TasteService(RatingService ratings, PersonalScores scores, JobService jobs) {
        this.ratings = ratings;
        this.scores = scores;
        this.jobs = jobs;
    }

    public record Status(long ratings, int needed, Optional<PersonalScores.Taste> last) {
    }

    public Status status(UUID owner) {
        return new Status(ratings.count(owner), MIN_RATINGS, scores.taste(owner));
    }

    /** Queues the learning job; refuses with the count when there are fewer than {@link #MIN_RATINGS} ratings. */
    public UUID learn(UUID owner) {
        long count = ratings.count(owner);
        if (count < MIN_RATINGS) {
            throw new LabelException(Reason.INVALID, "ratings: rate at least " + MIN_RATINGS + " photos first (you have rated " + count + ").");
        }
        return jobs.enqueue(TasteJob.request(owner));
    }
}

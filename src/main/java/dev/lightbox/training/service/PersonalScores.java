package dev.lightbox.training.service;

import dev.lightbox.analysis.Attribute;
import dev.lightbox.analysis.service.OwnerAttributes;
import dev.lightbox.training.domain.TasteRepository;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The personal score: predicted stars (1..5) per photo from the regressor learnt on the user's ratings,
 * offered to analysis and scoring as the attribute {@link Attribute#PERSONAL}; and what the last learning found.
 */
@Component
public class PersonalScores implements OwnerAttributes {

    private final TasteRepository repository;

    PersonalScores(TasteRepository repository) {
        this.repository = repository;
    }

    /** What "learn my taste" last produced for a user: from how many ratings, its cross-validated Spearman ρ, photos scored. */
    public record Taste(int ratings, double spearman, int photos, Instant trainedAt) {
    }

    @Override
    public Map<String, Object> attributes(UUID ownerId, UUID photoId) {
        return repository.personalScore(ownerId, photoId).<Map<String, Object>>map(stars -> Map.of(Attribute.PERSONAL.key(), rounded(stars)))
                .orElse(Map.of());
    }

    @Override
    public Map<UUID, Map<String, Object>> library(UUID ownerId) {
        var all = new HashMap<UUID, Map<String, Object>>();
        repository.personalScores(ownerId).forEach((photo, stars) -> all.put(photo, Map.of(Attribute.PERSONAL.key(), rounded(stars))));
        return all;
    }

    void replace(UUID owner, Map<UUID, Double> stars, int ratings, double spearman, Instant at) {
        var clamped = new HashMap<UUID, Float>();
        stars.forEach((photo, value) -> clamped.put(photo, (float) Math.clamp(value, 1, 5)));
        repository.replace(owner, clamped, new TasteRepository.TasteRow(ratings, spearman, stars.size(), at));
    }

    Optional<Taste> taste(UUID owner) {
        return repository.taste(owner).map(t -> new Taste(t.ratings(), t.spearman(), t.photos(), t.trainedAt()));
    }

    private static double rounded(double stars) {
        return Math.round(stars * 100) / 100.0;
    }
}

package dev.lightbox.scoring.service;

import dev.lightbox.library.service.PhotoRanking;
import dev.lightbox.scoring.domain.ScoreRepository;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stored scores: a whole library is re-scored in one transaction on one connection (see
 * {@link ScoreRepository#replaceAll}), each photo reduced in Java (the {@link Reducer} is the one
 * definition of a score).
 */
@Component
class ScoreStore {

    private final ScoreRepository repository;
    private final ScoreInputs inputs;

    ScoreStore(ScoreRepository repository, ScoreInputs inputs) {
        this.repository = repository;
        this.inputs = inputs;
    }

    /** Re-scores every analysed photo of the owner under {@code config}; returns how many were scored. */
    @Transactional
    public int rescoreLibrary(UUID owner, ScoringConfig config) {
        return rescoreLibrary(owner, config, (scored, of) -> { });
    }

    /** How far a re-scoring is: photos scored so far, of about how many. */
    @FunctionalInterface
    interface Progress {
        void scored(int scored, long of);
    }

    /**
     * The same, telling {@code progress} after each batch. Holds the transaction's connection and no
     * other: {@code progress} must not touch the pool (a job's progress goes through its writer thread).
     */
    @Transactional
    public int rescoreLibrary(UUID owner, ScoringConfig config, Progress progress) {
        long photos = repository.photoCount(owner);
        Map<UUID, Map<String, Object>> own = inputs.ownerAttributes(owner);
        double[] weights = Reducer.weights(config);
        return repository.replaceAll(owner, own, (photoId, attributes) -> {
            Reducer.Features features = Reducer.features(attributes);
            return new ScoreRepository.StoredScore(photoId, Reducer.scoreOnly(features, weights), Reducer.passes(features, config.thresholds()));
        }, scored -> progress.scored(scored, photos));
    }

    /** Scores (or re-scores) one photo. */
    public void save(UUID photoId, UUID owner, Reducer.Scored scored) {
        repository.save(owner, new ScoreRepository.StoredScore(photoId, scored.score(), scored.passed()));
    }

    public void delete(UUID owner, UUID photoId) {
        repository.delete(owner, photoId);
    }

    public List<UUID> ownersMissingScores() {
        return repository.ownersMissingScores();
    }

    /** The stored scores of the owner's library, in no particular order. */
    public List<PhotoRanking.Ranked> scores(UUID owner) {
        return repository.scores(owner).stream().map(s -> new PhotoRanking.Ranked(s.photoId(), s.score(), s.passed())).toList();
    }

    public String fingerprint(UUID owner) {
        return repository.fingerprint(owner);
    }
}

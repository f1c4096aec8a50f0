package dev.lightbox.scoring.service;

import dev.lightbox.analysis.Attribute;
import dev.lightbox.analysis.service.AnalysisService;
import dev.lightbox.analysis.service.ContentAnalysed;
import dev.lightbox.analysis.service.SyncedAnalysisStored;
import dev.lightbox.jobs.JobService;
import dev.lightbox.library.service.ContentForgotten;
import dev.lightbox.library.service.PhotoAdded;
import dev.lightbox.scoring.domain.ScoreInputRepository;
import dev.lightbox.scoring.domain.ScoreRepository;
import dev.lightbox.library.service.PhotoDeleted;
import dev.lightbox.training.PersonalScoresChanged;
import dev.lightbox.vision.PhotoDescribed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scores of photos under the owner's active config, from cached attributes only. Scores are also stored
 * (for ordering and filtering the library): a photo is scored when its content's analysis is saved or,
 * for content analysed before, when it is added; the whole library is re-scored by a job when the active
 * config changes.
 */
@Service
public class ScoringService {

    private final ScoringConfigService configs;
    private final AnalysisService analyses;
    private final ScoreStore scores;
    private final ScoreInputs inputs;
    private final JobService jobs;
    private final ScoreInputRepository inputRows;
    private final ScoreRepository scoreRows;
    private final ExecutorService previews = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("scoring-preview-", 0).daemon(true).factory());

    ScoringService(ScoringConfigService configs, AnalysisService analyses, ScoreStore scores, ScoreInputs inputs, JobService jobs,
                   ScoreInputRepository inputRows, ScoreRepository scoreRows) {
        this.configs = configs;
        this.analyses = analyses;
        this.scores = scores;
        this.inputs = inputs;
        this.jobs = jobs;
        this.inputRows = inputRows;
        this.scoreRows = scoreRows;
    }

    /**
     * A photo's score under the active config, with the words for it, the labels the owner's active model
     * predicted (highest confidence first) and the personal score (predicted stars), when there are any.
     */
    public record PhotoScore(double score, boolean passed, List<String> failures, List<String> explanation, List<String> advice,
                             String config, List<PredictedLabel> predicted, @Nullable Double personal) {
    }

    /** One label the active model predicted, with its confidence (0..1). */
    public record PredictedLabel(String label, double confidence) {
    }

    /** Empty while the photo's content is not analysed yet. */
    public Optional<PhotoScore> score(UUID owner, UUID photoId, String sha256) {
        return analyses.find(owner, photoId, sha256).map(attributes -> {
            ScoringConfig config = configs.active(owner);
            Reducer.Scored scored = Reducer.score(attributes, config);
            return new PhotoScore(scored.score(), scored.passed(), scored.failures(),
                    Advisor.explain(attributes, config, inputRows.percentiles(owner, Advisor.cited(attributes, config))),
                    Advisor.advise(attributes), config.name(), predicted(attributes),
                    attributes.get(Attribute.PERSONAL.key()) instanceof Number n ? n.doubleValue() : null);
        });
    }

    /** The active model's prediction in a photo's attributes ({@code labels: [{label, confidence}]}), as records. */
    private static List<PredictedLabel> predicted(Map<String, Object> attributes) {
        if (!(attributes.get("labels") instanceof List<?> labels)) return List.of();
        return labels.stream().filter(Map.class::isInstance).map(Map.class::cast)
                .filter(label -> label.get("label") instanceof String && label.get("confidence") instanceof Number)
                .map(label -> new PredictedLabel((String) label.get("label"), ((Number) label.get("confidence")).doubleValue()))
                .sorted(java.util.Comparator.comparingDouble(PredictedLabel::confidence).reversed()).toList();
    }

    /** The owner's analysed library, reduced for ranking under draft configs (the editor's live preview). */
    @Transactional(readOnly = true)
    public LibraryPreview preview(UUID owner) {
        var entries = new java.util.ArrayList<LibraryPreview.Entry>();
        inputs.forEachAnalysed(owner, (photoId, attributes) -> entries.add(new LibraryPreview.Entry(photoId, Reducer.features(attributes))));
        return new LibraryPreview(entries);
    }

    /**
     * {@link #preview} off the caller's thread (a view loads it without holding its session), on a small
     * pool: each load holds one connection while it streams the library.
     */
    public CompletableFuture<LibraryPreview> previewInBackground(UUID owner) {
        return CompletableFuture.supplyAsync(() -> preview(owner), previews);
    }

    /** The best and worst {@code n} photos under a draft config, ranked off the caller's thread. */
    public CompletableFuture<LibraryPreview.Extremes> rankInBackground(LibraryPreview preview, ScoringConfig draft, int n) {
        return CompletableFuture.supplyAsync(() -> preview.extremes(draft, n), previews);
    }

    @PreDestroy
    void stopPreviews() {
        previews.shutdownNow();
    }

    /**
     * Re-scores the owner's library in the background; returns the job's id. At most one re-scoring per
     * owner waits in the queue: asking again before it starts returns the same job (it reads the config
     * when it starts, see {@link RescoreJob#run}).
     */
    @Transactional
    public UUID rescoreLibrary(UUID owner) {
        scoreRows.lockRescoreRequests(owner);
        return jobs.enqueue(RescoreJob.request(owner).dedupedBy(RescoreJob.dedupeKey(owner)));
    }

    @EventListener
    void onActiveConfigChanged(ActiveConfigChanged changed) {
        rescoreLibrary(changed.ownerId());
    }

    /** In the analysis's transaction: every photo with these bytes, whoever owns it, gets its score. */
    @EventListener
    @Transactional
    void onContentAnalysed(ContentAnalysed analysed) {
        inputs.save(analysed.sha256());
        inputRows.photosWithContent(analysed.sha256()).forEach(photo -> analyses.find(photo.ownerId(), photo.photoId(), analysed.sha256())
                .ifPresent(attributes -> store(photo.photoId(), photo.ownerId(), attributes)));
    }

    /**
     * In the transaction that stored a user's synced attributes: their typed copy for the library read, and
     * the photo's score (by the server's analysis of its bytes when there is one, see AnalysisService#find).
     */
    @EventListener
    @Transactional
    void onSyncedAnalysisStored(SyncedAnalysisStored stored) {
        inputRows.saveSynced(stored.ownerId(), stored.sha256());
        analyses.find(stored.ownerId(), stored.photoId(), stored.sha256())
                .ifPresent(attributes -> store(stored.photoId(), stored.ownerId(), attributes));
    }

    /** In the upload's transaction: bytes analysed before are scored at once. */
    @EventListener
    void onPhotoAdded(PhotoAdded photo) {
        analyses.find(photo.ownerId(), photo.photoId(), photo.sha256()).ifPresent(attributes -> store(photo.photoId(), photo.ownerId(), attributes));
    }

    @EventListener
    void onPersonalScoresChanged(PersonalScoresChanged changed) {
        rescoreLibrary(changed.ownerId());
    }

    /** In the transaction that linked the description: the photo's {@code vision.aesthetic} may be weighed. */
    @EventListener
    void onPhotoDescribed(PhotoDescribed described) {
        analyses.find(described.ownerId(), described.photoId(), described.sha256())
                .ifPresent(attributes -> store(described.photoId(), described.ownerId(), attributes));
    }

    @EventListener
    void onContentForgotten(ContentForgotten content) {
        inputRows.deleteContent(content.sha256());
    }

    @EventListener
    void onPhotoDeleted(PhotoDeleted deleted) {
        scores.delete(deleted.ownerId(), deleted.photoId());
        inputRows.deleteSynced(deleted.ownerId(), deleted.sha256());
    }

    /**
     * Scores are derived data in an unlogged table, which PostgreSQL empties after a crash: libraries with
     * analysed photos but no scores are re-scored at startup.
     */
    @EventListener(ApplicationReadyEvent.class)
    void rescoreLibrariesWithoutScores() {
        scores.ownersMissingScores().forEach(this::rescoreLibrary);
    }

    private void store(UUID photoId, UUID owner, Map<String, Object> attributes) {
        ScoringConfig config = configs.active(owner);
        scores.save(photoId, owner, Reducer.score(attributes, config));
    }
}

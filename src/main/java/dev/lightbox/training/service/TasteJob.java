package dev.lightbox.training.service;

import dev.lightbox.analysis.service.AnalysisService;
import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobType;
import dev.lightbox.library.service.PhotoAdded;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.training.PersonalScoresChanged;
import dev.lightbox.training.domain.TasteRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Learn my taste": fits the {@link TasteModel} to the user's star ratings (photos analysed and rated),
 * measures it by 5-fold cross-validation, then predicts stars for every analysed photo of the library
 * (the personal score) and tells scoring, which re-scores if a config weighs it.
 */
@Component
class TasteJob implements JobHandler<TasteJob.Payload> {

    /** Nothing: the job's owner's ratings are what it learns from. */
    record Payload() {
    }

    static final JobType<Payload> TYPE = JobType.of("training.taste", "Learn my taste", JobQueue.CPU, Payload.class);
    static final int FOLDS = 5;

    private final TasteRepository taste;
    private final PhotoService photos;
    private final AnalysisService analyses;
    private final PersonalScores scores;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TasteJob(TasteRepository taste, PhotoService photos, AnalysisService analyses, PersonalScores scores, TransactionTemplate transaction,
             ApplicationEventPublisher events, Clock clock) {
        this.taste = taste;
        this.photos = photos;
        this.analyses = analyses;
        this.scores = scores;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /** What a finished run reports: ratings learnt from, their cross-validated Spearman ρ, photos scored. */
    record Result(int ratings, double spearman, int photos) {
    }

    static JobRequest<Payload> request(UUID owner) {
        return JobRequest.of(TYPE, owner, new Payload()).withMaxAttempts(1);
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context, Payload payload) {
        UUID owner = context.ownerId();
        if (owner == null) throw new IllegalStateException("learning a taste needs an owner");
        context.progress(0.05, "ratings", "Reading your ratings");
        Map<UUID, Integer> ratings = taste.ratings(owner);
        var x = new ArrayList<double[]>();
        var y = new ArrayList<Double>();
        var library = new HashMap<UUID, double[]>();
        List<PhotoAdded> contents = photos.contents(owner);
        Map<String, Map<String, Object>> analysed = analyses.find(owner, contents.stream().map(PhotoAdded::sha256).collect(Collectors.toSet()));
        for (PhotoAdded photo : contents) {
            Map<String, Object> attributes = analysed.get(photo.sha256());
            if (attributes == null) continue;
            double[] features = TasteModel.features(attributes);
            library.put(photo.photoId(), features);
            Integer stars = ratings.get(photo.photoId());
            if (stars != null) {
                x.add(features);
                y.add(stars.doubleValue());
            }
        }
        if (x.size() < TasteService.MIN_RATINGS) {
            throw new TrainingException("Only " + x.size() + " rated photos are analysed; " + TasteService.MIN_RATINGS + " are needed.");
        }
        context.progress(0.2, "validate", "Cross-validating on " + x.size() + " ratings");
        double spearman = TasteModel.crossValidatedSpearman(x, y, FOLDS, owner.getMostSignificantBits());
        context.progress(0.6, "train", "Learning from " + x.size() + " ratings");
        TasteModel model = TasteModel.train(x, y, owner.getLeastSignificantBits());
        context.progress(0.8, "predict", "Scoring " + library.size() + " photos");
        var predicted = new HashMap<UUID, Double>();
        library.forEach((photo, features) -> predicted.put(photo, model.predict(features)));
        transaction.executeWithoutResult(status -> {
            scores.replace(owner, predicted, x.size(), Math.round(spearman * 1000) / 1000.0, clock.instant());
            events.publishEvent(new PersonalScoresChanged(owner));
        });
        org.slf4j.LoggerFactory.getLogger(TasteJob.class).info("Learnt a taste from {} ratings: cross-validated Spearman {}; {} photos scored",
                x.size(), Math.round(spearman * 1000) / 1000.0, predicted.size());
        context.progress(1, "done", String.format("Learnt from %d ratings; agrees with them at ρ = %.2f (cross-validated)", x.size(), spearman));
        context.result(new Result(x.size(), spearman, predicted.size()));
    }
}

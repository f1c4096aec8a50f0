package dev.lightbox.training.service;

import dev.lightbox.training.domain.PredictionRepository;
import dev.lightbox.training.domain.ModelRepository;
import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobType;
import dev.lightbox.library.service.PhotoAdded;
import dev.lightbox.library.service.PhotoService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The classify step: a model's predicted labels for one new photo, or for the whole library ("apply to
 * library"), stored per photo and model (a re-run overwrites).
 */
@Component
class ClassifyJob implements JobHandler<ClassifyJob.Payload> {

    /** The model version to apply, to one photo or (without {@code photoId}) to the whole library. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Payload(UUID modelId, int version, @Nullable UUID photoId) {
    }

    static final JobType<Payload> TYPE = JobType.of("training.classify", "Predict labels", JobQueue.CPU, Payload.class);
    private static final Logger log = LoggerFactory.getLogger(ClassifyJob.class);

    private final Classifier classifier;
    private final PredictionRepository predictions;
    private final PhotoService photos;
    private final ModelRepository models;

    ClassifyJob(Classifier classifier, PredictionRepository predictions, PhotoService photos, ModelRepository models) {
        this.classifier = classifier;
        this.predictions = predictions;
        this.photos = photos;
        this.models = models;
    }

    /** What a finished run reports: photos classified and photos that could not be read. */
    record Result(int classified, int failed) {
    }

    static JobRequest<Payload> photo(UUID owner, UUID modelId, int version, UUID photoId) {
        return JobRequest.of(TYPE, owner, new Payload(modelId, version, photoId)).about(photoId);
    }

    static JobRequest<Payload> library(UUID owner, UUID modelId, int version) {
        return JobRequest.of(TYPE, owner, new Payload(modelId, version, null)).about(modelId);
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context, Payload payload) throws Exception {
        UUID owner = context.ownerId();
        UUID modelId = payload.modelId();
        int version = payload.version();
        if (owner == null || models.find(owner, modelId).isEmpty()) return; // the model was deleted meanwhile
        UUID photoId = payload.photoId();
        List<PhotoAdded> targets = photoId != null
                ? photos.originals(owner, List.of(photoId))
                : photos.originals(owner); // a photo synced without its original has no pixels to classify
        int done = 0;
        int failed = 0;
        for (PhotoAdded photo : targets) {
            try {
                predictions.save(photo.photoId(), modelId, owner, version, classifier.classify(modelId, version, photo));
            } catch (java.io.IOException | RuntimeException e) {
                if (targets.size() == 1) throw e;
                failed++;
                log.warn("Classifying photo {} failed: {}", photo.photoId(), e.getMessage());
            }
            done++;
            context.progress((double) done / targets.size(), "classify", "Classified " + done + " of " + targets.size()
                    + (failed > 0 ? " (" + failed + " could not be read)" : ""));
        }
        context.result(new Result(done - failed, failed));
    }
}

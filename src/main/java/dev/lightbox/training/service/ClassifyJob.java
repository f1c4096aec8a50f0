package dev.lightbox.training.service;

import dev.lightbox.training.domain.PredictionRepository;
import dev.lightbox.training.domain.ModelRepository;
import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.library.service.PhotoAdded;
import dev.lightbox.library.service.PhotoService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The classify step: a model's predicted labels for one new photo, or for the whole library ("apply to
 * library"), stored per photo and model (a re-run overwrites).
 */
@Component
class ClassifyJob implements JobHandler {

    static final String TYPE = "training.classify";
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

    static JobRequest photo(UUID owner, UUID modelId, int version, UUID photoId) {
        return JobRequest.of(TYPE, JobQueue.CPU, owner, Map.of("modelId", modelId.toString(), "version", version, "photoId", photoId.toString()))
                .about(photoId);
    }

    static JobRequest library(UUID owner, UUID modelId, int version) {
        return JobRequest.of(TYPE, JobQueue.CPU, owner, Map.of("modelId", modelId.toString(), "version", version)).about(modelId);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) throws Exception {
        UUID owner = context.ownerId();
        UUID modelId = UUID.fromString((String) context.payload().get("modelId"));
        int version = ((Number) context.payload().get("version")).intValue();
        if (owner == null || models.find(owner, modelId).isEmpty()) return; // the model was deleted meanwhile
        Object photoId = context.payload().get("photoId");
        List<PhotoAdded> targets = photoId != null
                ? photos.contents(owner, List.of(UUID.fromString((String) photoId)))
                : photos.contents(owner);
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
        context.result(Map.of("classified", done - failed, "failed", failed));
    }
}

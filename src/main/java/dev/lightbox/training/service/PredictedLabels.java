package dev.lightbox.training.service;

import dev.lightbox.training.domain.PredictionRepository;
import dev.lightbox.training.domain.ModelRepository;
import dev.lightbox.analysis.service.OwnerAttributes;
import dev.lightbox.jobs.JobService;
import dev.lightbox.library.service.PhotoAdded;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts the active model to work: every new photo of a user with an active model is classified by a job
 * queued with the upload, and the prediction shows as {@code labels: [{label, confidence}]} in the photo's
 * analysis attributes.
 */
@Component
class PredictedLabels implements OwnerAttributes {

    private final PredictionRepository predictions;
    private final ModelRepository models;
    private final JobService jobs;

    PredictedLabels(PredictionRepository predictions, ModelRepository models, JobService jobs) {
        this.predictions = predictions;
        this.models = models;
        this.jobs = jobs;
    }

    @EventListener
    void onPhotoAdded(PhotoAdded photo) {
        models.active(photo.ownerId()).ifPresent(active -> jobs.enqueue(ClassifyJob.photo(photo.ownerId(), active.id(),
                active.versions().getLast().version(), photo.photoId())));
    }

    @Override
    public Map<String, Object> attributes(UUID ownerId, UUID photoId) {
        return predictions.active(ownerId, photoId).<Map<String, Object>>map(labels -> Map.of("labels", labels)).orElse(Map.of());
    }
}

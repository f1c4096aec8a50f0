package dev.lightbox.training.service;

import dev.lightbox.training.domain.ModelRepository;
import dev.lightbox.jobs.JobService;
import dev.lightbox.library.service.PhotoLabels;
import dev.lightbox.training.service.LabelException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starting training runs (checked before anything is queued), the caller's models, activating, deleting and
 * downloading them.
 */
@Service
@org.springframework.modulith.NamedInterface("models")
public class TrainingService {

    private final ModelRepository models;
    private final ModelFiles files;
    private final LabelService labels;
    private final JobService jobs;
    private final TrainingProperties properties;
    private final Classifier classifier;

    TrainingService(ModelRepository models, ModelFiles files, LabelService labels, JobService jobs, TrainingProperties properties, Classifier classifier) {
        this.models = models;
        this.files = files;
        this.labels = labels;
        this.jobs = jobs;
        this.properties = properties;
        this.classifier = classifier;
    }

    @org.springframework.modulith.NamedInterface("models")
    public record Started(UUID id, UUID jobId) {
    }

    public int minPhotosPerLabel() {
        return properties.minPhotosPerLabel();
    }

    /** The owner's labels with their photo counts (what the "new model" form offers). */
    public List<PhotoLabels.LabelCount> labelCounts(UUID owner) {
        return labels.labels(owner);
    }

    /** Validates the form and the photo counts, then creates the model and queues its training job, together. */
    @Transactional
    public Started start(UUID owner, ModelRequest request) {
        ModelRequest.Valid valid = request.validated();
        var counts = labels.labels(owner);
        for (String label : valid.labels()) {
            long photos = counts.stream().filter(c -> c.label().equals(label)).mapToLong(PhotoLabels.LabelCount::photos).findFirst().orElse(0);
            if (photos < properties.minPhotosPerLabel()) {
                throw new LabelException(Reason.INVALID, "labels: “" + label + "” has " + photos + " photo(s); each label needs at least "
                        + properties.minPhotosPerLabel() + ".");
            }
        }
        UUID id = UUID.randomUUID();
        models.insert(id, owner, valid.name(), valid.labels(), valid.architecture(), Map.of("imageSize", valid.imageSize(), "epochs", valid.epochs(),
                "batchSize", valid.batchSize(), "learningRate", valid.learningRate(), "validationSplit", valid.validationSplit()));
        UUID jobId = jobs.enqueue(TrainingJob.request(owner, id));
        models.jobId(id, jobId);
        return new Started(id, jobId);
    }

    public List<ModelView> list(UUID owner) {
        return models.list(owner);
    }

    public Optional<ModelView> find(UUID owner, UUID id) {
        return models.find(owner, id);
    }

    @Transactional
    public ModelView activate(UUID owner, UUID id) {
        ModelView model = models.find(owner, id).orElseThrow(TrainingService::notFound);
        if (model.versions().isEmpty()) throw new LabelException(Reason.INVALID, "Only a trained model can be activated; this one is " + model.status() + ".");
        models.activate(owner, id);
        return models.find(owner, id).orElseThrow();
    }

    /** "Apply to library": classifies every photo of the owner with this (trained) model in the background; returns the job's id. */
    public UUID applyToLibrary(UUID owner, UUID id) {
        ModelView model = models.find(owner, id).orElseThrow(TrainingService::notFound);
        if (model.versions().isEmpty()) throw new LabelException(Reason.INVALID, "Only a trained model can classify photos; this one is " + model.status() + ".");
        return jobs.enqueue(ClassifyJob.library(owner, id, model.versions().getLast().version()));
    }

    /** Cancels its training if still running, then deletes the model, its versions and files. */
    public void delete(UUID owner, UUID id) {
        ModelView model = models.find(owner, id).orElseThrow(TrainingService::notFound);
        if (model.jobId() != null) jobs.cancel(owner, model.jobId());
        models.delete(owner, id);
        files.deleteAll(id);
        classifier.evict(id);
    }

    /** A version's files as a zip; false when there is no such version. */
    public boolean download(UUID owner, UUID id, int version, OutputStream out) throws IOException {
        ModelView model = models.find(owner, id).orElseThrow(TrainingService::notFound);
        if (model.versions().stream().noneMatch(v -> v.version() == version)) return false;
        files.zip(id, version, out);
        return true;
    }

    private static LabelException notFound() {
        return new LabelException(Reason.NOT_FOUND, "No such model.");
    }
}

package dev.lightbox.training.service;

import dev.lightbox.training.domain.ModelRepository;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoopTranslator;
import dev.lightbox.jobs.JobCancelledException;
import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobType;
import dev.lightbox.library.service.PhotoAdded;
import dev.lightbox.library.service.PhotoService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains one model on the owner's labelled photos, on the {@code gpu} queue, through the lifecycle states
 * INITIALIZING → ANALYZING → LOADING_DATASET → PREPARING_MODEL → TRAINING → EVALUATING → DEPLOYING →
 * COMPLETED (or FAILED with the reason, or CANCELLED). The version is published last, by its row: a run
 * that stops before leaves no version and its files are deleted.
 */
@Component
class TrainingJob implements JobHandler<TrainingJob.Payload> {

    record Payload(UUID modelId) {
    }

    static final JobType<Payload> TYPE = JobType.of("training.model", "Model training", JobQueue.GPU, Payload.class);
    private static final Logger log = LoggerFactory.getLogger(TrainingJob.class);

    private final ModelRepository models;
    private final ModelFiles files;
    private final LabelService labels;
    private final PhotoService photos;
    private final TrainingProperties properties;
    private final JsonMapper json;

    TrainingJob(ModelRepository models, ModelFiles files, LabelService labels, PhotoService photos, TrainingProperties properties, JsonMapper json) {
        this.models = models;
        this.files = files;
        this.labels = labels;
        this.photos = photos;
        this.properties = properties;
        this.json = json;
    }

    /** What a finished run reports: the new model and its held-out accuracy. */
    record Result(java.util.UUID modelId, double accuracy) {
    }

    static JobRequest<Payload> request(UUID owner, UUID modelId) {
        return JobRequest.of(TYPE, owner, new Payload(modelId)).about(modelId).withMaxAttempts(1);
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    /** The photos of each class after the checks, and what the checks found. */
    record Plan(List<List<PhotoAdded>> classes, List<String> warnings) {
    }

    @Override
    public void run(JobContext context, Payload payload) throws Exception {
        UUID id = payload.modelId();
        ModelView model = models.find(id).orElse(null);
        if (model == null) return; // deleted before it ran
        UUID owner = models.owner(id).orElseThrow();
        String[] state = {"INITIALIZING"};
        models.resetHistory(id);
        try {
            step(context, id, state, "INITIALIZING", 0.01, "Choosing a device");
            DeviceChooser.Choice device = DeviceChooser.choose(context.slot());
            models.device(id, device.description());

            step(context, id, state, "ANALYZING", 0.03, "Checking the dataset");
            Plan plan = analyse(owner, model);
            String datasetWarnings = plan.warnings().isEmpty() ? null : String.join(" ", plan.warnings());

            int size = StoredValues.number(model.config(), "imageSize").intValue();
            step(context, id, state, "LOADING_DATASET", 0.06, datasetWarnings);
            Loaded data = load(context, model.labels(), plan, size, StoredValues.number(model.config(), "validationSplit").doubleValue(), id.hashCode());

            step(context, id, state, "PREPARING_MODEL", 0.28, "Building " + model.architecture() + " for " + model.labels().size() + " labels");
            int epochs = StoredValues.number(model.config(), "epochs").intValue();
            var settings = new Fitting.Settings(size, epochs, StoredValues.number(model.config(), "batchSize").intValue(),
                    StoredValues.number(model.config(), "learningRate").floatValue());
            try (Model net = Model.newInstance(model.name(), device.device(), "PyTorch")) {
                net.setBlock(Networks.build(model.architecture(), model.labels().size(), size));
                step(context, id, state, "TRAINING", 0.3, "Epoch 1 of " + epochs);
                Fitting.Result fitted = Fitting.fit(net, device.device(), data, settings, Fitting.Recipe.APP, id.hashCode(), progress(context, id, epochs));

                step(context, id, state, "EVALUATING", 0.88, "Held-out photos: " + data.validationLabels().length + " · keeping epoch " + fitted.bestEpoch());
                Map<String, Object> metrics;
                try (NDManager manager = net.getNDManager().newSubManager();
                     Predictor<NDList, NDList> predictor = net.newPredictor(new NoopTranslator())) {
                    metrics = Evaluation.evaluate(x -> predictor.predict(new NDList(x)).singletonOrThrow(), manager, data.validation(),
                            data.validationLabels(), size, model.labels());
                }
                metrics.put("bestEpoch", fitted.bestEpoch());
                var warnings = new ArrayList<>(plan.warnings());
                warnings.addAll(HeldOutCheck.warnings(data.validationLabels(), StoredValues.number(metrics, "accuracy").doubleValue(), model.labels(), epochs));
                metrics.put("warnings", warnings);
                models.metrics(id, metrics);

                step(context, id, state, "DEPLOYING", 0.94, "Saving version 1 to the model registry");
                long bytes = save(id, net, model, metrics, device.description());
                if (models.find(id).isEmpty()) {
                    // deleted meanwhile (with its account): its deletion may already have cleared models/{id}/, so these go here
                    files.deleteAll(id);
                    return;
                }
                context.progress(0.99, "DEPLOYING", null);
                models.publish(id, 1, metrics, bytes);
                log.info("Model {} trained on {}: held-out accuracy {} (epoch {} kept)", id, device.description(), metrics.get("accuracy"), fitted.bestEpoch());
                context.progress(1, "COMPLETED", String.format("Accuracy %.0f%% on held-out photos", 100 * StoredValues.number(metrics, "accuracy").doubleValue()));
                context.result(new Result(id, StoredValues.number(metrics, "accuracy").doubleValue()));
            }
        } catch (JobCancelledException e) {
            files.deleteAll(id);
            models.finish(id, "CANCELLED", state[0], null);
            throw e;
        } catch (Exception | Error e) {
            files.deleteAll(id);
            String reason = e instanceof TrainingException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            models.finish(id, "FAILED", state[0], reason);
            log.warn("Training model {} failed in {}: {}", id, state[0], reason);
            throw e;
        }
    }

    private void step(JobContext context, UUID id, String[] state, String name, double progress, @Nullable String message) {
        state[0] = name;
        models.state(id, name, message);
        context.progress(progress, name, message);
    }

    /** Photos per class; a photo with two of the chosen labels, or the same bytes under two labels, teaches nothing: left out. */
    Plan analyse(UUID owner, ModelView model) {
        var warnings = new ArrayList<String>();
        var idsByClass = new ArrayList<List<UUID>>();
        var classOf = new HashMap<UUID, Integer>();
        var ambiguous = new java.util.HashSet<UUID>();
        for (int c = 0; c < model.labels().size(); c++) {
            List<UUID> ids = labels.photosWith(owner, model.labels().get(c));
            idsByClass.add(ids);
            for (UUID id : ids) if (classOf.putIfAbsent(id, c) != null) ambiguous.add(id);
        }
        if (!ambiguous.isEmpty()) warnings.add(ambiguous.size() + " photo(s) carry two of these labels and were left out.");
        var classes = new ArrayList<List<PhotoAdded>>();
        var shaClass = new HashMap<String, Integer>();
        var conflicting = new java.util.HashSet<String>();
        int duplicates = 0;
        int synced = 0;
        for (int c = 0; c < idsByClass.size(); c++) {
            var kept = new ArrayList<PhotoAdded>();
            var seen = new java.util.HashSet<String>();
            List<UUID> ids = idsByClass.get(c).stream().filter(id -> !ambiguous.contains(id)).toList();
            List<PhotoAdded> withOriginal = photos.originals(owner, ids); // a synced photo has no pixels to learn from
            synced += ids.size() - withOriginal.size();
            for (PhotoAdded photo : withOriginal) {
                if (!seen.add(photo.sha256())) {
                    duplicates++;
                    continue;
                }
                Integer other = shaClass.putIfAbsent(photo.sha256(), c);
                if (other != null && other != c) conflicting.add(photo.sha256());
                kept.add(photo);
            }
            classes.add(kept);
        }
        if (duplicates > 0) warnings.add(duplicates + " duplicate photo(s) were counted once.");
        if (synced > 0) warnings.add(synced + " photo(s) were synced without their original and were left out.");
        if (!conflicting.isEmpty()) {
            warnings.add(conflicting.size() + " photo(s) appear under two labels with the same bytes and were left out.");
            classes.replaceAll(list -> list.stream().filter(p -> !conflicting.contains(p.sha256())).toList());
        }
        requireEnough(model.labels(), classes, "usable");
        int smallest = classes.stream().mapToInt(List::size).min().orElse(0);
        int largest = classes.stream().mapToInt(List::size).max().orElse(0);
        if (largest > 3 * smallest) warnings.add("The classes are unbalanced (" + smallest + " to " + largest + " photos): accuracy may favour the larger.");
        return new Plan(classes, warnings);
    }

    /** Stops the run, naming the label, when a class has fewer photos than the minimum. */
    private void requireEnough(List<String> labels, List<? extends List<?>> classes, String what) {
        for (int c = 0; c < classes.size(); c++) {
            if (classes.get(c).size() < properties.minPhotosPerLabel()) {
                throw new TrainingException("Label “" + labels.get(c) + "” has " + classes.get(c).size() + " " + what
                        + " photo(s); at least " + properties.minPhotosPerLabel() + " are needed.");
            }
        }
    }

    /** Decoded inputs, split per class into training and held-out photos. */
    record Loaded(float[] training, int[] trainingLabels, float[] validation, int[] validationLabels) {
    }

    private Loaded load(JobContext context, List<String> labels, Plan plan, int size, double validationSplit, long seed) {
        int per = 3 * size * size;
        int total = plan.classes().stream().mapToInt(List::size).sum();
        int done = 0;
        int unreadable = 0;
        var usable = new ArrayList<List<float[]>>();
        for (List<PhotoAdded> photosOfClass : plan.classes()) {
            var tensors = new ArrayList<float[]>();
            for (PhotoAdded photo : photosOfClass) {
                float[] values = new float[per];
                try {
                    ImageTensors.load(photos, photo, size, values, 0);
                    ImageTensors.standardise(values, 0, size);
                    tensors.add(values);
                } catch (Exception e) {
                    unreadable++;
                }
                done++;
                context.progress(0.06 + 0.2 * done / total, "LOADING_DATASET", "Loaded " + done + " of " + total + " photos");
            }
            usable.add(tensors);
        }
        if (unreadable > 0) log.info("{} photo(s) could not be read and were left out", unreadable);
        requireEnough(labels, usable, "readable");
        return split(usable, validationSplit, new Random(seed), per);
    }

    /** Per class, a shuffled {@code validationSplit} share (rounded, at least one) held out. */
    static Loaded split(List<List<float[]>> classes, double validationSplit, Random random, int per) {
        var train = new ArrayList<float[]>();
        var trainLabels = new ArrayList<Integer>();
        var val = new ArrayList<float[]>();
        var valLabels = new ArrayList<Integer>();
        for (int c = 0; c < classes.size(); c++) {
            List<float[]> tensors = new ArrayList<>(classes.get(c));
            java.util.Collections.shuffle(tensors, random);
            int held = Math.max(1, (int) Math.round(tensors.size() * validationSplit));
            for (int i = 0; i < tensors.size(); i++) {
                if (i < held) {
                    val.add(tensors.get(i));
                    valLabels.add(c);
                } else {
                    train.add(tensors.get(i));
                    trainLabels.add(c);
                }
            }
        }
        return new Loaded(concat(train, per), trainLabels.stream().mapToInt(Integer::intValue).toArray(), concat(val, per),
                valLabels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static float[] concat(List<float[]> parts, int per) {
        float[] all = new float[parts.size() * per];
        for (int i = 0; i < parts.size(); i++) System.arraycopy(parts.get(i), 0, all, i * per, per);
        return all;
    }

    private Fitting.Listener progress(JobContext context, UUID id, int epochs) {
        return new Fitting.Listener() {
            @Override
            public void batch(int epoch, double fractionOfEpoch, double loss, double accuracy) {
                context.progress(0.3 + 0.55 * ((epoch - 1) + fractionOfEpoch) / epochs, "TRAINING", detail(epoch, epochs, loss, accuracy));
            }

            @Override
            public void epoch(Fitting.Epoch e) {
                var entry = new LinkedHashMap<String, Object>();
                entry.put("epoch", e.epoch());
                entry.put("loss", round(e.loss()));
                entry.put("accuracy", round(e.accuracy()));
                entry.put("validationAccuracy", round(e.validationAccuracy()));
                entry.put("validationLoss", round(e.validationLoss()));
                models.epoch(id, entry, Math.round(e.samplesPerSecond() * 10) / 10.0);
                context.progress(0.3 + 0.55 * e.epoch() / epochs, "TRAINING", detail(e.epoch(), epochs, e.loss(), e.accuracy())
                        + String.format(Locale.ROOT, " · validation %.0f%% · %.0f samples/s", 100 * e.validationAccuracy(), e.samplesPerSecond()));
            }
        };
    }

    /** What every training progress event says: the epoch, and its loss and accuracy on the training photos so far. */
    static String detail(int epoch, int epochs, double loss, double accuracy) {
        return String.format(Locale.ROOT, "Epoch %d of %d · loss %.3f · accuracy %.0f%%", epoch, epochs, loss, 100 * accuracy);
    }

    private long save(UUID id, Model net, ModelView model, Map<String, Object> metrics, String device) throws Exception {
        Path dir = Files.createTempDirectory("lightbox-model-");
        try {
            net.save(dir, "model");
            Files.writeString(dir.resolve("labels.json"), json.writeValueAsString(model.labels()));
            Files.writeString(dir.resolve("input.json"), json.writeValueAsString(Map.of("architecture", model.architecture(),
                    "imageSize", model.config().get("imageSize"), "channels", 3, "preprocessing", ImageTensors.SPEC, "engine", "PyTorch")));
            Files.writeString(dir.resolve("metrics.json"), json.writeValueAsString(metrics));
            var training = new LinkedHashMap<String, Object>(model.config());
            training.put("labels", model.labels());
            training.put("architecture", model.architecture());
            training.put("device", device);
            Files.writeString(dir.resolve("training.json"), json.writeValueAsString(training));
            return files.upload(id, 1, dir);
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}

package dev.lightbox.training.service;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import dev.lightbox.library.service.PhotoAdded;
import dev.lightbox.library.service.PhotoService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a published model version on photos: the version's files are fetched from the registry and the
 * model kept loaded, at most {@code LIGHTBOX_TRAINING_LOADED_MODELS} versions (least recently used closed
 * first, all closed at shutdown); the image goes through the same preprocessing as
 * in training ({@link ImageTensors}); the answer is every label with its softmax confidence, highest first.
 */
@Component
class Classifier implements AutoCloseable {

    private final ModelFiles files;
    private final PhotoService photos;
    private final JsonMapper json;
    private final LoadedModels<Loaded> loaded;

    Classifier(ModelFiles files, PhotoService photos, JsonMapper json, TrainingProperties properties) {
        this.files = files;
        this.photos = photos;
        this.json = json;
        this.loaded = new LoadedModels<>(properties.loadedModels());
    }

    /** {@code standardised}: the version was trained on standardised inputs (its input.json says {@link ImageTensors#SPEC}). */
    record Loaded(Model model, List<String> labels, int imageSize, boolean standardised) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    /** [{label, confidence}] for the photo, highest confidence first. */
    List<Map<String, Object>> classify(UUID modelId, int version, PhotoAdded photo) throws IOException {
        try {
            return loaded.use(modelId + ":" + version, () -> load(modelId, version), model -> classify(model, photo));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private List<Map<String, Object>> classify(Loaded model, PhotoAdded photo) throws IOException {
        int size = model.imageSize();
        float[] input = new float[3 * size * size];
        ImageTensors.load(photos, photo, size, input, 0);
        if (model.standardised()) ImageTensors.standardise(input, 0, size);
        float[] probabilities;
        try (NDManager manager = model.model().getNDManager().newSubManager();
             Predictor<NDList, NDList> predictor = model.model().newPredictor(new NoopTranslator())) {
            NDList output = predictor.predict(new NDList(manager.create(input, new Shape(1, 3, size, size))));
            probabilities = output.singletonOrThrow().softmax(1).toFloatArray();
        } catch (ai.djl.translate.TranslateException e) {
            throw new IOException("The model could not classify the photo: " + e.getMessage(), e);
        }
        var answer = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < model.labels().size(); i++) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("label", model.labels().get(i));
            entry.put("confidence", Math.round(probabilities[i] * 10_000) / 10_000.0);
            answer.add(entry);
        }
        answer.sort(Comparator.comparingDouble((Map<String, Object> e) -> StoredValues.number(e, "confidence").doubleValue()).reversed());
        return answer;
    }

    @SuppressWarnings("unchecked")
    private Loaded load(UUID modelId, int version) throws IOException {
        Path dir = Files.createTempDirectory("lightbox-classifier-");
        try {
            files.download(modelId, version, dir);
            List<String> labels = json.readValue(Files.readString(dir.resolve("labels.json")), List.class);
            Map<String, Object> input = json.readValue(Files.readString(dir.resolve("input.json")), Map.class);
            int size = StoredValues.number(input, "imageSize").intValue();
            Object preprocessing = input.get("preprocessing");
            boolean standardised = ImageTensors.SPEC.equals(preprocessing);
            if (!standardised && !ImageTensors.UNSTANDARDISED_SPEC.equals(preprocessing)) {
                throw new IOException("Model " + modelId + " version " + version + " expects unknown preprocessing: " + preprocessing);
            }
            DeviceChooser.engine();
            Model model = Model.newInstance("model", Device.cpu(), "PyTorch");
            model.setBlock(Networks.build(StoredValues.text(input, "architecture"), labels.size(), size));
            try {
                model.load(dir, "model");
            } catch (IOException | ai.djl.MalformedModelException | RuntimeException e) {
                model.close();
                throw e;
            }
            return new Loaded(model, List.copyOf(labels), size, standardised);
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException("Model " + modelId + " version " + version + " cannot be loaded: " + e.getMessage(), e);
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Forgets a deleted model. */
    void evict(UUID modelId) {
        loaded.remove(key -> key.startsWith(modelId + ":"));
    }

    /** At shutdown: every loaded model closed. */
    @Override
    public void close() {
        loaded.close();
    }
}

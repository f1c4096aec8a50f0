package dev.lightbox.training.service;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.ShapeImages;
import dev.lightbox.support.TestImages;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Training throughput on the CPU: a model trained through Lightbox (upload, label, POST /api/v1/models;
 * samples/s of its training epochs as the run reports them) against a bare DJL loop (EasyTrain.trainBatch)
 * over the same images, same network, batch size and epochs, in the same run (goal ≤ 1.2× its time); and
 * the classify step's time per photo with the trained model.
 */
class TrainingBench extends IntegrationTest {

    private static final int PER_CLASS = 60;
    private static final int SIZE = 64;
    private static final int EPOCHS = 6;
    private static final int BATCH = 16;

    @org.springframework.beans.factory.annotation.Autowired Classifier classifier;
    @org.springframework.beans.factory.annotation.Autowired dev.lightbox.library.service.PhotoService photos;

    private static java.util.UUID owner(dev.lightbox.support.ApiClient api, String token) {
        return java.util.UUID.fromString(api.get("/api/v1/auth/me", token).json().get("id").asString());
    }

    @Test
    void trainingSamplesPerSecond() throws Exception {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        int per = 3 * SIZE * SIZE;
        float[] inputs = new float[3 * PER_CLASS * per];
        float[] labels = new float[3 * PER_CLASS];
        int n = 0;
        long seed = 42;
        for (int c = 0; c < 3; c++) {
            String shape = ShapeImages.SHAPES.get(c);
            for (int i = 0; i < PER_CLASS; i++, n++) {
                byte[] jpeg = ShapeImages.jpeg(shape, 128, seed++);
                String id = api.upload(shape + i + ".jpg", jpeg, token).json().get("id").asString();
                api.put("/api/v1/photos/" + id + "/labels", List.of(shape), token);
                ImageTensors.fromBgr(TestImages.decode(jpeg), SIZE, inputs, n * per);
                labels[n] = c;
            }
        }
        String id = api.post("/api/v1/models", Map.of("name", "bench", "labels", ShapeImages.SHAPES, "imageSize", SIZE, "epochs", EPOCHS,
                "batchSize", BATCH, "validationSplit", 0.2), token).json().get("id").asString();
        JsonNode model;
        do {
            Thread.sleep(200);
            model = api.get("/api/v1/models/" + id, token).json();
        } while (!List.of("COMPLETED", "FAILED", "CANCELLED").contains(model.get("status").asString()));
        double ours = model.get("samplesPerSecond").asDouble();
        int trainCount = (int) Math.round(3 * PER_CLASS - 3 * Math.round(PER_CLASS * 0.2));
        double bare = bareLoop(inputs, labels, trainCount);
        System.out.printf("%nTraining: small-cnn, %d×%d px, %d training photos, batch %d, %d epochs, CPU (%s)%n", SIZE, SIZE, trainCount, BATCH, EPOCHS,
                model.get("device").asString());
        List<dev.lightbox.library.service.PhotoAdded> library = photos.contents(owner(api, token));
        java.util.UUID modelId = java.util.UUID.fromString(id);
        classifier.classify(modelId, 1, library.getFirst()); // loads the model from the registry once
        long start = System.nanoTime();
        for (var photo : library) classifier.classify(modelId, 1, photo);
        double msPerPhoto = (System.nanoTime() - start) / 1e6 / library.size();
        System.out.printf("  Lightbox training job: %.0f samples/s (held-out accuracy %.2f); bare DJL loop on the same images: %.0f samples/s; "
                + "time ratio %.2f× (goal ≤ 1.2×)%n", ours, model.get("metrics").get("accuracy").asDouble(), bare, bare / ours);
        System.out.printf("  classify step: %.1f ms/photo over %d photos (original read from S3, decoded small, preprocessed, one forward pass)%n",
                msPerPhoto, library.size());
    }

    private static double bareLoop(float[] inputs, float[] labels, int count) {
        try (Model model = Model.newInstance("bare", Device.cpu(), "PyTorch")) {
            model.setBlock(Networks.smallCnn(3));
            var config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.001f)).build());
            try (Trainer trainer = model.newTrainer(config); NDManager manager = model.getNDManager().newSubManager()) {
                trainer.initialize(new Shape(1, 3, SIZE, SIZE));
                int per = 3 * SIZE * SIZE;
                float[] x = java.util.Arrays.copyOf(inputs, count * per);
                NDArray data = manager.create(x, new Shape(count, 3, SIZE, SIZE));
                NDArray y = manager.create(java.util.Arrays.copyOf(labels, count)).toType(DataType.FLOAT32, false);
                ArrayDataset dataset = new ArrayDataset.Builder().setData(data).optLabels(y).setSampling(BATCH, true).build();
                long start = System.nanoTime();
                long samples = 0;
                for (int epoch = 0; epoch < EPOCHS; epoch++) {
                    for (Batch batch : trainer.iterateDataset(dataset)) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                        samples += batch.getSize();
                        batch.close();
                    }
                }
                return samples / ((System.nanoTime() - start) / 1e9);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

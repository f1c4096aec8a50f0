package dev.lightbox.training.service;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

/**
 * The training loop: shuffled mini-batches, each {@linkplain Augmentation augmented} (mirrored, shifted); He (Kaiming) normal
 * initial weights; Adam with a linear warm-up over the first epoch and a cosine decay to a hundredth of
 * the rate by the last update; after every epoch the held-out photos are scored and the parameters of the
 * best epoch (highest held-out accuracy, lower held-out loss on a tie) are kept and restored at the end.
 * {@link Recipe} switches each part off, so its effect can be measured.
 */
final class Fitting {

    /** What the loop does beyond plain Adam with a fixed rate; {@link #APP} is what the app trains with. */
    record Recipe(boolean kaiming, Augmentation.Kind augmentation, boolean schedule, boolean keepBest, float weightDecay) {
        static final Recipe PLAIN = new Recipe(false, Augmentation.Kind.NONE, false, false, 0);
        static final Recipe FULL = new Recipe(true, Augmentation.Kind.FULL, true, true, 0);

        Recipe(boolean kaiming, boolean augment, boolean schedule, boolean keepBest) {
            this(kaiming, augment ? Augmentation.Kind.FULL : Augmentation.Kind.NONE, schedule, keepBest, 0);
        }

        Recipe with(Augmentation.Kind kind) {
            return new Recipe(kaiming, kind, schedule, keepBest, weightDecay);
        }

        Recipe withWeightDecay(float decay) {
            return new Recipe(kaiming, augmentation, schedule, keepBest, decay);
        }
        /**
         * What the app trains with (ColourShapesBench, standardised inputs, batch 8, rate 0.003, 50 epochs, seeds 1 and 2:
         * held-out 1.00 / 1.00, fresh photos 0.97 / 0.98; with FULL augmentation or none it learns slower or not at all).
         */
        static final Recipe APP = new Recipe(true, Augmentation.Kind.LIGHT, true, true, 0);
    }

    record Settings(int imageSize, int epochs, int batchSize, float learningRate) {
    }

    record Epoch(int epoch, double loss, double accuracy, double validationAccuracy, double validationLoss, double samplesPerSecond) {
    }

    /** The kept epoch (the last without {@link Recipe#keepBest}) and its held-out accuracy. */
    record Result(int bestEpoch, double validationAccuracy) {
    }

    interface Listener {
        /** After each batch, with the epoch's loss and accuracy so far; may throw to stop (a cancelled job). */
        void batch(int epoch, double fractionOfEpoch, double loss, double accuracy);

        void epoch(Epoch epoch);
    }

    private Fitting() {
    }

    /** Trains {@code net}'s block in place; on return it holds the kept epoch's parameters. */
    static Result fit(Model net, Device device, TrainingJob.Loaded data, Settings settings, Recipe recipe, long seed, Listener listener)
            throws IOException, MalformedModelException {
        int n = data.trainingLabels().length;
        int size = settings.imageSize();
        int per = 3 * size * size;
        int batchesPerEpoch = (n + settings.batchSize() - 1) / settings.batchSize();
        var config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(rate(settings, recipe, batchesPerEpoch)).optWeightDecays(recipe.weightDecay()).build())
                .optDevices(new Device[] {device});
        if (recipe.kaiming()) {
            config.optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
        }
        var random = new Random(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        byte[] best = null;
        int bestEpoch = settings.epochs();
        double bestAccuracy = -1;
        double bestLoss = Double.MAX_VALUE;
        long trainingNanos = 0;
        long samples = 0;
        try (Trainer trainer = net.newTrainer(config); NDManager manager = net.getNDManager().newSubManager()) {
            trainer.initialize(new Shape(1, 3, size, size));
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                long start = System.nanoTime();
                shuffle(order, random);
                double loss = 0;
                long correct = 0;
                int seen = 0;
                while (seen < n) {
                    int count = Math.min(settings.batchSize(), n - seen);
                    float[] inputs = new float[count * per];
                    float[] labels = new float[count];
                    for (int i = 0; i < count; i++) {
                        int sample = order[seen + i];
                        System.arraycopy(data.training(), sample * per, inputs, i * per, per);
                        labels[i] = data.trainingLabels()[sample];
                    }
                    Augmentation.apply(recipe.augmentation(), inputs, count, size, random);
                    try (NDManager scope = manager.newSubManager(); GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray x = scope.create(inputs, new Shape(count, 3, size, size));
                        NDArray y = scope.create(labels);
                        NDList predictions = trainer.forward(new NDList(x));
                        NDArray batchLoss = trainer.getLoss().evaluate(new NDList(y), predictions);
                        collector.backward(batchLoss);
                        loss += batchLoss.getFloat() * count;
                        correct += Evaluation.correct(predictions.singletonOrThrow(), y);
                    }
                    trainer.step();
                    seen += count;
                    listener.batch(epoch, (double) seen / n, loss / seen, (double) correct / seen);
                }
                trainingNanos += System.nanoTime() - start;
                samples += seen;
                Evaluation.Scores validation = Evaluation.score(x -> trainer.evaluate(new NDList(x)).singletonOrThrow(), manager, data.validation(),
                        data.validationLabels(), size);
                listener.epoch(new Epoch(epoch, loss / seen, (double) correct / seen, validation.accuracy(), validation.loss(),
                        samples / (trainingNanos / 1e9)));
                if (recipe.keepBest() && (validation.accuracy() > bestAccuracy
                        || validation.accuracy() == bestAccuracy && validation.loss() < bestLoss)) {
                    bestAccuracy = validation.accuracy();
                    bestLoss = validation.loss();
                    bestEpoch = epoch;
                    best = parameters(net);
                } else if (!recipe.keepBest()) {
                    bestAccuracy = validation.accuracy();
                }
            }
        }
        if (best != null) net.getBlock().loadParameters(net.getNDManager(), new DataInputStream(new ByteArrayInputStream(best)));
        return new Result(bestEpoch, bestAccuracy);
    }

    private static Tracker rate(Settings settings, Recipe recipe, int batchesPerEpoch) {
        if (!recipe.schedule()) return Tracker.fixed(settings.learningRate());
        int updates = Math.max(2, settings.epochs() * batchesPerEpoch);
        int warmUp = Math.min(batchesPerEpoch, updates / 2);
        Tracker cosine = CosineTracker.builder().setBaseValue(settings.learningRate()).optFinalValue(settings.learningRate() / 100)
                .setMaxUpdates(updates - warmUp).build();
        Tracker afterWarmUp = step -> cosine.getNewValue(Math.max(0, step - warmUp));
        return WarmUpTracker.builder().setMainTracker(afterWarmUp).optWarmUpSteps(warmUp).optWarmUpBeginValue(settings.learningRate() / 10)
                .optWarmUpMode(WarmUpTracker.Mode.LINEAR).build();
    }

    private static byte[] parameters(Model net) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            net.getBlock().saveParameters(out);
        }
        return bytes.toByteArray();
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}

package dev.lightbox.training.service;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoopTranslator;
import dev.lightbox.support.ShapeImages;
import dev.lightbox.support.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What each part of the training recipe buys on the hard shapes ({@link ShapeImages#anyColours}: any
 * foreground and background colour, noise): 56 photos per label split as the app splits them (45 train,
 * 11 held out), small-cnn at 64 px, 30 epochs, batch 16, rate 0.001; each step adds one part, over three
 * seeds; accuracy on the held-out photos and on 300 fresh photos never seen in training or selection.
 * Run: ./mvnw -Pbench test -Dtest=ColourShapesBench
 */
class ColourShapesBench {

    private static final int PER_CLASS = 56;
    private static final int FRESH_PER_CLASS = 100;
    private static final int SIZE = 64;
    private static final int EPOCHS = Integer.getInteger("epochs", 30);

    record Step(String name, boolean standardise, Fitting.Recipe recipe, float learningRate) {
        Step(String name, boolean standardise, Fitting.Recipe recipe) {
            this(name, standardise, recipe, 0.001f);
        }
    }

    @Test
    void eachStepOfTheRecipe() throws Exception {
        DeviceChooser.engine();
        var steps = List.of(
                new Step("baseline (0..1 inputs, default init, fixed rate, last epoch)", false, Fitting.Recipe.PLAIN),
                new Step("+ per-image channel standardisation", true, Fitting.Recipe.PLAIN),
                new Step("+ Kaiming init", true, new Fitting.Recipe(true, false, false, false)),
                new Step("+ augmentation", true, new Fitting.Recipe(true, true, false, false)),
                new Step("+ warm-up & cosine rate", true, new Fitting.Recipe(true, true, true, false)),
                new Step("+ keep best held-out epoch", true, Fitting.Recipe.FULL),
                new Step("full recipe without augmentation", true, new Fitting.Recipe(true, false, true, true)),
                new Step("full recipe, rate 0.003", true, Fitting.Recipe.FULL, 0.003f),
                new Step("full recipe, rate 0.005", true, Fitting.Recipe.FULL, 0.005f),
                new Step("full recipe, rate 0.01", true, Fitting.Recipe.FULL, 0.01f));
        String only = System.getProperty("steps");
        for (int s = 0; s < steps.size(); s++) {
            if (only != null && !List.of(only.split(",")).contains(String.valueOf(s))) continue;
            Step step = steps.get(s);
            var line = new StringBuilder(String.format(Locale.ROOT, "%-62s", step.name()));
            for (String seedText : System.getProperty("seeds", "1,2,3").split(",")) {
                long seed = Long.parseLong(seedText);
                var data = data(seed * 1000, PER_CLASS, step.standardise());
                TrainingJob.Loaded loaded = TrainingJob.split(data, 0.2, new Random(seed), 3 * SIZE * SIZE);
                var fresh = data(seed * 1000 + 500, FRESH_PER_CLASS, step.standardise());
                TrainingJob.Loaded freshSet = TrainingJob.split(fresh, 0.99, new Random(seed), 3 * SIZE * SIZE);
                long start = System.nanoTime();
                double[] lastTrain = {0};
                try (Model net = Model.newInstance("bench", Device.cpu(), "PyTorch")) {
                    net.setBlock(Networks.smallCnn(3));
                    Fitting.Result result = Fitting.fit(net, Device.cpu(), loaded, new Fitting.Settings(SIZE, EPOCHS, 16, step.learningRate()), step.recipe(), seed,
                            new Fitting.Listener() {
                                @Override
                                public void batch(int epoch, double fraction, double loss, double accuracy) {
                                }

                                @Override
                                public void epoch(Fitting.Epoch e) {
                                    lastTrain[0] = e.accuracy();
                                }
                            });
                    try (NDManager manager = net.getNDManager().newSubManager();
                         Predictor<NDList, NDList> predictor = net.newPredictor(new NoopTranslator())) {
                        Evaluation.Forward forward = x -> predictor.predict(new NDList(x)).singletonOrThrow();
                        double heldOut = Evaluation.score(forward, manager, loaded.validation(), loaded.validationLabels(), SIZE).accuracy();
                        double unseen = Evaluation.score(forward, manager, freshSet.validation(), freshSet.validationLabels(), SIZE).accuracy();
                        line.append(String.format(Locale.ROOT, " | seed %d: train %.2f held-out %.2f (kept ep %d, %.2f) fresh %.2f %.0fs", seed, lastTrain[0],
                                heldOut, result.bestEpoch(), result.validationAccuracy(), unseen, (System.nanoTime() - start) / 1e9));
                    }
                }
            }
            System.out.println(line);
        }
    }

    /**
     * One recipe named by system properties, over {@code -Dseeds}: {@code -Dbatch=16 -Depochs=30 -Drate=0.001
     * -Daug=none|light|full -Dstd=true -Dkaiming=true -Dschedule=true -Ddecay=0 -Dstages=16,32,64}.
     */
    @Test
    void oneRecipe() throws Exception {
        if (System.getProperty("aug") == null) return;
        DeviceChooser.engine();
        int batch = Integer.getInteger("batch", 16);
        float rate = Float.parseFloat(System.getProperty("rate", "0.001"));
        boolean standardise = Boolean.parseBoolean(System.getProperty("std", "true"));
        var recipe = new Fitting.Recipe(Boolean.parseBoolean(System.getProperty("kaiming", "true")),
                Augmentation.Kind.valueOf(System.getProperty("aug").toUpperCase(Locale.ROOT)), Boolean.parseBoolean(System.getProperty("schedule", "true")),
                true, Float.parseFloat(System.getProperty("decay", "0")));
        int[] stages = java.util.Arrays.stream(System.getProperty("stages", "16,32,64").split(",")).mapToInt(Integer::parseInt).toArray();
        var line = new StringBuilder(String.format(Locale.ROOT, "recipe %s std=%s batch=%d epochs=%d rate=%s stages=%s:", recipe, standardise, batch, EPOCHS,
                rate, java.util.Arrays.toString(stages)));
        double sumHeld = 0;
        double sumFresh = 0;
        int runs = 0;
        for (String seedText : System.getProperty("seeds", "1,2").split(",")) {
            long seed = Long.parseLong(seedText);
            var data = data(seed * 1000, PER_CLASS, standardise);
            TrainingJob.Loaded loaded = TrainingJob.split(data, 0.2, new Random(seed), 3 * SIZE * SIZE);
            var fresh = data(seed * 1000 + 500, FRESH_PER_CLASS, standardise);
            TrainingJob.Loaded freshSet = TrainingJob.split(fresh, 0.99, new Random(seed), 3 * SIZE * SIZE);
            long start = System.nanoTime();
            double[] lastTrain = {0};
            try (Model net = Model.newInstance("bench", Device.cpu(), "PyTorch")) {
                net.setBlock(Networks.smallCnn(3, stages));
                Fitting.Result result = Fitting.fit(net, Device.cpu(), loaded, new Fitting.Settings(SIZE, EPOCHS, batch, rate), recipe, seed,
                        new Fitting.Listener() {
                            @Override
                            public void batch(int epoch, double fraction, double loss, double accuracy) {
                            }

                            @Override
                            public void epoch(Fitting.Epoch e) {
                                lastTrain[0] = e.accuracy();
                                System.out.printf(Locale.ROOT, "epoch %d loss %.3f train %.2f held-out %.2f (%.0f s)%n", e.epoch(), e.loss(), e.accuracy(),
                                        e.validationAccuracy(), (System.nanoTime() - start) / 1e9);
                            }
                        });
                try (NDManager manager = net.getNDManager().newSubManager();
                     Predictor<NDList, NDList> predictor = net.newPredictor(new NoopTranslator())) {
                    Evaluation.Forward forward = x -> predictor.predict(new NDList(x)).singletonOrThrow();
                    double heldOut = Evaluation.score(forward, manager, loaded.validation(), loaded.validationLabels(), SIZE).accuracy();
                    double unseen = Evaluation.score(forward, manager, freshSet.validation(), freshSet.validationLabels(), SIZE).accuracy();
                    sumHeld += heldOut;
                    sumFresh += unseen;
                    runs++;
                    line.append(String.format(Locale.ROOT, " | seed %d: train %.2f held-out %.2f (kept ep %d) fresh %.2f %.0fs", seed, lastTrain[0],
                            heldOut, result.bestEpoch(), unseen, (System.nanoTime() - start) / 1e9));
                }
            }
        }
        line.append(String.format(Locale.ROOT, " | mean held-out %.2f fresh %.2f", sumHeld / runs, sumFresh / runs));
        System.out.println("RESULT " + line);
    }

    private static List<List<float[]>> data(long seed, int perClass, boolean standardise) {
        var classes = new ArrayList<List<float[]>>();
        for (String shape : ShapeImages.SHAPES) {
            var tensors = new ArrayList<float[]>();
            for (int i = 0; i < perClass; i++) {
                float[] values = new float[3 * SIZE * SIZE];
                try (var bgr = TestImages.decode(ShapeImages.anyColours(shape, 96, seed + 7919L * classes.size() + i))) {
                    ImageTensors.fromBgr(bgr, SIZE, values, 0);
                }
                if (standardise) ImageTensors.standardise(values, 0, SIZE);
                tensors.add(values);
            }
            classes.add(tensors);
        }
        return classes;
    }
}

package dev.lightbox.training.service;

import dev.lightbox.training.service.LabelException.Reason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A "new model" form: what to learn and how. {@link #validated()} answers the first problem naming the
 * field, or a copy with defaults filled in and labels normalised.
 */
@org.springframework.modulith.NamedInterface("models")
public record ModelRequest(@Nullable String name, @Nullable List<String> labels, @Nullable String architecture, @Nullable Integer imageSize,
                           @Nullable Integer epochs, @Nullable Integer batchSize, @Nullable Double learningRate, @Nullable Double validationSplit) {

    public static final List<String> ARCHITECTURES = List.of("small-cnn", "resnet18");
    /** Small batches give small datasets enough updates per epoch (ColourShapesBench). */
    public static final int DEFAULT_BATCH_SIZE = 8;
    public static final double DEFAULT_LEARNING_RATE = 0.003;

    /** A request that passed {@link #validated()}: every field present and in range. */
    public record Valid(String name, List<String> labels, String architecture, int imageSize, int epochs, int batchSize, double learningRate,
                        double validationSplit) {
    }

    public Valid validated() {
        if (name == null || name.isBlank() || name.strip().length() > 100) throw invalid("name: give the model a name of 1 to 100 characters.");
        var clean = new LinkedHashSet<String>();
        for (String label : labels == null ? List.<String>of() : labels) clean.add(LabelService.normalise(label));
        if (clean.size() < 2) throw invalid("labels: choose at least 2 different labels to tell apart.");
        if (clean.size() > 50) throw invalid("labels: at most 50 labels per model.");
        String arch = architecture == null ? "small-cnn" : architecture;
        if (!ARCHITECTURES.contains(arch)) throw invalid("architecture: use small-cnn or resnet18.");
        int size = imageSize == null ? 64 : imageSize;
        if (size < 16 || size > 256) throw invalid("imageSize: between 16 and 256 pixels.");
        int epochCount = epochs == null ? 10 : epochs;
        if (epochCount < 1 || epochCount > 200) throw invalid("epochs: between 1 and 200.");
        int batch = batchSize == null ? DEFAULT_BATCH_SIZE : batchSize;
        if (batch < 1 || batch > 512) throw invalid("batchSize: between 1 and 512.");
        double rate = learningRate == null ? DEFAULT_LEARNING_RATE : learningRate;
        if (!(rate > 0 && rate <= 1)) throw invalid("learningRate: above 0 and at most 1.");
        double split = validationSplit == null ? 0.2 : validationSplit;
        if (!(split >= 0.05 && split <= 0.5)) throw invalid("validationSplit: between 0.05 and 0.5.");
        return new Valid(name.strip(), new ArrayList<>(clean), arch, size, epochCount, batch, rate, split);
    }

    private static LabelException invalid(String message) {
        return new LabelException(Reason.INVALID, message);
    }
}

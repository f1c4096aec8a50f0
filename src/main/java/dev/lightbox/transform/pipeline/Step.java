package dev.lightbox.transform.pipeline;

import java.util.Locale;

/** The restyle pipeline's steps, in the order they run; {@link #id()} is the name the API and the UI show. */
public enum Step {
    LOAD(TransformStatus.ANALYZING, "Loading the photo…"),
    DETECT(TransformStatus.ANALYZING, "Detecting faces and people…"),
    SEGMENT(TransformStatus.ANALYZING, "Creating the person mask…"),
    EDGES(TransformStatus.ANALYZING, "Finding edges…"),
    DEPTH(TransformStatus.ANALYZING, "Estimating depth…"),
    GENERATE(TransformStatus.GENERATING, "Generating…"),
    VALIDATE(TransformStatus.VALIDATING, "Checking the result…"),
    SAVE(TransformStatus.VALIDATING, "Saving the result…");

    private final TransformStatus status;
    private final String startMessage;

    Step(TransformStatus status, String startMessage) {
        this.status = status;
        this.startMessage = startMessage;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The transform's status while this step runs. */
    public TransformStatus status() {
        return status;
    }

    public String startMessage() {
        return startMessage;
    }

    /** The share of the whole pipeline done when this step starts (0..1), for one progress bar. */
    public double startsAt() {
        return (double) ordinal() / values().length;
    }
}

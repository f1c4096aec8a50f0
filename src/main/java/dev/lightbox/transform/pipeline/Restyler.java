package dev.lightbox.transform.pipeline;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline as the service sees it: which styles exist, checking a request, and running load … validate
 * (the job runs save itself, reporting it through the same reporter).
 */
public interface Restyler {

    /** Built-in styles first, then installed ONNX style models. */
    List<StyleInfo> styles();

    /** @throws InvalidStyleException naming the unknown style or the bad parameter */
    StyleRequest check(String style, JsonNode params);

    /**
     * Runs load → detect → segment → edges → depth → generate → validate, reporting each step.
     *
     * @throws ValidationFailedException when validate refuses the result (nothing is returned, so nothing kept)
     */
    PipelineResult run(StyleRequest request, SourceImages images, StepReporter reporter) throws ValidationFailedException;
}

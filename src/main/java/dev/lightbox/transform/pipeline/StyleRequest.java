package dev.lightbox.transform.pipeline;

import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A style with its parameters, checked: every parameter present with its default filled in. {@link #params()}
 * is what is stored and answered as {@code params}. {@link #referencePhotoId()} names another photo of the
 * caller's whose bytes the style needs (background replacement, colour match); the service checks it is the
 * caller's and hands its bytes to the pipeline.
 */
public interface StyleRequest {

    String style();

    JsonNode params();

    Optional<UUID> referencePhotoId();
}

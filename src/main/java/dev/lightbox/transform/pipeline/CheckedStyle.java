package dev.lightbox.transform.pipeline;

import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A checked request: the style, its parameters with defaults filled, and the generator and validation bounds they make. */
record CheckedStyle(String style, JsonNode params, Optional<UUID> referencePhotoId, Generator generator, ValidationBounds bounds)
        implements StyleRequest {}

package dev.lightbox.vision.service;

import java.time.Instant;
import java.util.List;

/**
 * What the vision model said of a photo's bytes (validated against the schema it was asked for): a
 * caption, the subjects, the setting, the mood, tags, and an aesthetic mark from 1 to 10. Cached per
 * (content sha256, model).
 */
public record VisionDescription(String caption, List<String> subjects, String setting, String mood, List<String> tags, int aesthetic,
                                String model, Instant describedAt) {

    public VisionDescription {
        subjects = List.copyOf(subjects);
        tags = List.copyOf(tags);
    }
}

package dev.lightbox.training.service;

import dev.lightbox.library.service.PhotoDetails;
import dev.lightbox.library.service.PhotoView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@code labels} and {@code rating} in a photo's JSON (the photo page edits them in its own section). */
@Component
class TrainingDetails implements PhotoDetails {

    private final LabelService labels;
    private final RatingService ratings;

    TrainingDetails(LabelService labels, RatingService ratings) {
        this.labels = labels;
        this.ratings = ratings;
    }

    @Override
    public Map<String, Object> json(UUID ownerId, PhotoView photo) {
        var json = new LinkedHashMap<String, Object>();
        json.put("labels", labels.labelsOf(ownerId, photo.id()));
        json.put("rating", ratings.ratingOf(ownerId, photo.id()).orElse(null));
        return json;
    }

    @Override
    public Map<String, String> info(UUID ownerId, PhotoView photo) {
        var labelled = labels.labelsOf(ownerId, photo.id());
        return Map.of("Labels", labelled.isEmpty() ? "none" : String.join(", ", labelled));
    }
}

package dev.lightbox.training.service;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code LIGHTBOX_TRAINING_MIN_PHOTOS_PER_LABEL} (default 10): how many photos each label to learn needs at least;
 * {@code LIGHTBOX_TRAINING_LOADED_MODELS} (default 4): how many model versions the classifier keeps loaded.
 */
@Validated
@ConfigurationProperties("lightbox.training")
public record TrainingProperties(@Min(2) Integer minPhotosPerLabel, @Min(1) Integer loadedModels) {

    public TrainingProperties {
        if (minPhotosPerLabel == null) minPhotosPerLabel = 10;
        if (loadedModels == null) loadedModels = 4;
    }
}

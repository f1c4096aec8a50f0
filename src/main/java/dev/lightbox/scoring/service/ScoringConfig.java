package dev.lightbox.scoring.service;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A user's scoring config: a weight (0..1) per attribute, thresholds, and whether it is the active one. */
public record ScoringConfig(UUID id, String name, Map<String, Double> weights, Thresholds thresholds, boolean active, Instant createdAt) {

    /**
     * Photos failing any set threshold are marked with the reason: sharpness at least {@code minSharpness},
     * exposure must read "ok", at least one face, noise at most {@code maxNoise}.
     */
    public record Thresholds(@Nullable Double minSharpness, boolean exposureOk, boolean facesRequired, @Nullable Double maxNoise) {
        public static final Thresholds NONE = new Thresholds(null, false, false, null);

        /** From JSON: a threshold left out is not set. */
        @JsonCreator
        static Thresholds fromJson(@JsonProperty("minSharpness") @Nullable Double minSharpness, @JsonProperty("exposureOk") @Nullable Boolean exposureOk,
                                   @JsonProperty("facesRequired") @Nullable Boolean facesRequired, @JsonProperty("maxNoise") @Nullable Double maxNoise) {
            return new Thresholds(minSharpness, Boolean.TRUE.equals(exposureOk), Boolean.TRUE.equals(facesRequired), maxNoise);
        }
    }
}

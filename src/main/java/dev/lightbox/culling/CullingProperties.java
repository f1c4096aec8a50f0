package dev.lightbox.culling;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code LIGHTBOX_CULLING_BURST_SECONDS}: the longest gap between consecutive shots of one camera in a
 * burst; {@code LIGHTBOX_CULLING_SIMILAR_DISTANCE}: the largest perceptual-hash Hamming distance (of 64
 * bits) at which two photos are near-duplicates.
 */
@Validated
@ConfigurationProperties("lightbox.culling")
public record CullingProperties(@Nullable @Min(0) @Max(3600) Integer burstSeconds, @Nullable @Min(0) @Max(24) Integer similarDistance) {

    public static final int DEFAULT_BURST_SECONDS = 2;
    /**
     * On 200 real pictures (PerceptualHashTest) all re-encoded, resized, 3%-cropped and blurred copies but one
     * pair (at 14) are within 12 bits, and the nearest two different photos are 18 apart.
     */
    public static final int DEFAULT_SIMILAR_DISTANCE = 12;

    public int burstGapSeconds() {
        return burstSeconds == null ? DEFAULT_BURST_SECONDS : burstSeconds;
    }

    public int similarMaxDistance() {
        return similarDistance == null ? DEFAULT_SIMILAR_DISTANCE : similarDistance;
    }
}

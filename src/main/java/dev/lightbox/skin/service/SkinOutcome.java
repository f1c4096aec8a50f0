package dev.lightbox.skin.service;

import java.util.List;
import java.util.Map;

/** What the skin analysis made of one photo: measured, or refused with a reason a person can act on. */
public sealed interface SkinOutcome permits SkinOutcome.Measured, SkinOutcome.Refused {

    /**
     * The metrics of the whole skin mask and of each region, the figures behind them, the upright face crop
     * (JPEG, long side ≤ 512 px) plain and with the region outlines drawn, and those outlines in crop pixels.
     */
    record Measured(SkinValues whole, Map<SkinRegion, SkinValues> regions, SkinDetails details, byte[] cropJpeg,
                    byte[] annotatedJpeg, int cropWidth, int cropHeight, Map<SkinRegion, List<double[]>> polygons)
            implements SkinOutcome {
    }

    /** {@code status} is {@link CheckinStatus#NO_FACE} or {@link CheckinStatus#FACE_TOO_SMALL}; {@code reason} one sentence. */
    record Refused(CheckinStatus status, String reason) implements SkinOutcome {
    }
}

package dev.lightbox.skin.service;

import java.util.List;
import java.util.Map;

/** TEMPORARY stub of helper A's contract type, replaced when skin-analysis is merged. */
sealed interface SkinOutcome permits SkinOutcome.Measured, SkinOutcome.Refused {
    record Measured(SkinValues whole, Map<SkinRegion, SkinValues> regions, SkinDetails details, byte[] cropJpeg, byte[] annotatedJpeg,
                    int cropWidth, int cropHeight, Map<SkinRegion, List<double[]>> polygons) implements SkinOutcome {
    }

    record Refused(CheckinStatus status, String reason) implements SkinOutcome {
    }
}

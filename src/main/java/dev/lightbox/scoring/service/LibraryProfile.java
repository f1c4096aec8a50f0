package dev.lightbox.scoring.service;

import java.time.Instant;
import java.util.List;

/**
 * A library's "personality" over its analysed photos: tendencies, the score distribution under the active
 * config, what sets the best and worst 10% apart, and suggestions in plain words. Shares are 0..1.
 */
public record LibraryProfile(
        int photos,
        String config,
        Scores scores,
        Exposure exposure,
        Contrast contrast,
        Composition composition,
        Subjects subjects,
        Colour colour,
        List<String> topTraits,
        List<String> bottomTraits,
        List<String> suggestions,
        Instant computedAt) {

    /** {@code histogram}: counts of scores in ten bins 0–10, 10–20, … 90–100. */
    public record Scores(double mean, double spread, double median, double passedShare, int[] histogram) {
    }

    public record Exposure(String preference, double meanBrightness, double underShare, double okShare, double overShare) {
    }

    public record Contrast(String preference, double mean) {
    }

    public record Composition(String tendency, double meanThirds, double tiltedShare, double meanAbsoluteTilt) {
    }

    public record Subjects(String mix, double withFacesShare, double withoutFacesShare, double meanFaces) {
    }

    public record Colour(String preference, double meanColorfulness, double meanSaturation) {
    }
}

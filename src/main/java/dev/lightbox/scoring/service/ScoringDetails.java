package dev.lightbox.scoring.service;

import dev.lightbox.library.service.PhotoDetails;
import dev.lightbox.library.service.PhotoView;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** {@code score}, {@code passed}, {@code failures}, {@code explanation}, {@code advice} in a photo's JSON (the page shows them in the score block, {@code scoring.ui.ScoreBlock}). */
@Component
class ScoringDetails implements PhotoDetails {

    private final ScoringService scoring;

    ScoringDetails(ScoringService scoring) {
        this.scoring = scoring;
    }

    @Override
    public Map<String, Object> json(UUID ownerId, PhotoView photo) {
        var json = new LinkedHashMap<String, Object>();
        scoring.score(ownerId, photo.id(), photo.sha256()).ifPresentOrElse(s -> {
            json.put("score", s.score());
            json.put("passed", s.passed());
            json.put("failures", s.failures());
            json.put("explanation", s.explanation());
            json.put("advice", s.advice());
            json.put("scoringConfig", s.config());
        }, () -> json.put("score", null));
        return json;
    }

    /** The score block in a few lines, for the full-screen viewer's info panel. */
    @Override
    public Map<String, String> info(UUID ownerId, PhotoView photo) {
        var info = new LinkedHashMap<String, String>();
        scoring.score(ownerId, photo.id(), photo.sha256()).ifPresentOrElse(s -> {
            info.put("Score", String.format(Locale.ROOT, "%.1f / 100 · %s (%s)", s.score(), s.passed() ? "passes" : "fails", s.config()));
            if (!s.failures().isEmpty()) info.put("Failures", String.join("; ", s.failures()));
            if (!s.explanation().isEmpty()) info.put("Why", String.join("\n", s.explanation()));
            if (!s.advice().isEmpty()) info.put("Advice", String.join("\n", s.advice()));
            info.put("Personal score", s.personal() == null ? "none yet" : String.format(Locale.ROOT, "%.1f★ of 5", s.personal()));
            info.put("Predicted labels", s.predicted().isEmpty() ? "none" : s.predicted().stream().limit(3)
                    .map(p -> p.label() + " " + Math.round(p.confidence() * 100) + "%").collect(Collectors.joining(", ")));
        }, () -> info.put("Score", "after the analysis"));
        return info;
    }
}

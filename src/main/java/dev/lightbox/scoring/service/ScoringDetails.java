package dev.lightbox.scoring.service;

import dev.lightbox.library.service.PhotoDetails;
import dev.lightbox.library.service.PhotoView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
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
}

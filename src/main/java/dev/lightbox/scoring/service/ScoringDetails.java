package dev.lightbox.scoring.service;

import dev.lightbox.library.service.PhotoDetails;
import dev.lightbox.library.service.PhotoView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@code score}, {@code passed}, {@code failures}, {@code explanation}, {@code advice} in a photo's JSON, and on its page. */
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

    @Override
    public Map<String, String> lines(UUID ownerId, PhotoView photo) {
        var lines = new LinkedHashMap<String, String>();
        scoring.score(ownerId, photo.id(), photo.sha256()).ifPresent(s -> {
            lines.put("Score", String.format("%.0f / 100 (%s)%s", s.score(), s.config(), s.passed() ? "" : " — " + String.join("; ", s.failures())));
            if (!s.explanation().isEmpty()) lines.put("Why", String.join(" · ", s.explanation()));
            if (!s.advice().isEmpty()) lines.put("Advice", String.join(" ", s.advice()));
        });
        return lines;
    }
}

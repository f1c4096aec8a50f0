package dev.lightbox.scoring.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.library.ui.PhotoPageSection;
import dev.lightbox.scoring.service.ScoringService;
import dev.lightbox.scoring.service.ScoringService.PhotoScore;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Beside the photo, in the first screenful: the score under the active config, pass or the failures, the
 * explanation and advice as short lines, the personal score and the active model's predicted labels.
 */
@org.springframework.stereotype.Component
class ScoreBlock implements PhotoPageSection {

    private final ScoringService scoring;

    ScoreBlock(ScoringService scoring) {
        this.scoring = scoring;
    }

    @Override
    public boolean beside() {
        return true;
    }

    @Override
    public Component create(UUID ownerId, PhotoView photo) {
        var block = new Section();
        block.setId("score-block");
        block.addClassName("score-block");
        scoring.score(ownerId, photo.id(), photo.sha256()).ifPresentOrElse(score -> fill(block, score),
                () -> block.add(new Span("Score: waiting for the analysis")));
        return block;
    }

    private static void fill(Section block, PhotoScore s) {
        var value = new Span(String.format(Locale.ROOT, "%.0f", s.score()));
        value.setId("score-value");
        value.addClassName("score-value");
        var verdict = new Span(s.passed() ? "passes" : "fails");
        verdict.setId("score-verdict");
        verdict.addClassName("score-verdict");
        verdict.getElement().setAttribute("data-passed", Boolean.toString(s.passed()));
        var headline = new Div(value, new Span("/ 100 · " + s.config()), verdict);
        headline.addClassName("score-headline");
        block.add(headline);
        if (!s.failures().isEmpty()) block.add(list("score-failures", s.failures()));

        var personal = new Div(s.personal() == null ? "Personal score: none yet (rate 30 photos, then learn your taste on the Training page)"
                : String.format(Locale.ROOT, "Personal score: %.1f★ of 5", s.personal()));
        personal.setId("score-personal");
        block.add(personal);
        var predicted = new Div(s.predicted().isEmpty() ? "Predicted labels: none (no active model, or not classified yet)"
                : "Predicted labels (your active model): " + s.predicted().stream().limit(3)
                        .map(p -> String.format(Locale.ROOT, "%s %.0f%%", p.label(), 100 * p.confidence())).collect(Collectors.joining(", ")));
        predicted.setId("score-predicted");
        block.add(predicted);

        if (!s.explanation().isEmpty()) block.add(new H4("Why"), list("score-why", s.explanation()));
        if (!s.advice().isEmpty()) block.add(new H4("Advice"), list("score-advice", s.advice()));
    }

    private static UnorderedList list(String id, List<String> lines) {
        var list = new UnorderedList();
        list.setId(id);
        lines.forEach(line -> list.add(new ListItem(line)));
        return list;
    }
}

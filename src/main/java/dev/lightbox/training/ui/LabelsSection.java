package dev.lightbox.training.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.library.ui.PhotoPageSection;
import dev.lightbox.training.service.LabelException;
import dev.lightbox.training.service.LabelService;
import dev.lightbox.training.service.RatingService;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** On the photo page: the photo's labels (add, remove) and its 1–5 star rating. */
@org.springframework.stereotype.Component
class LabelsSection implements PhotoPageSection {

    private final LabelService labels;
    private final RatingService ratings;

    LabelsSection(LabelService labels, RatingService ratings) {
        this.labels = labels;
        this.ratings = ratings;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public com.vaadin.flow.component.Component create(UUID owner, PhotoView photo) {
        return new Editor(owner, photo.id());
    }

    private final class Editor extends Div {
        private final UUID owner;
        private final UUID photoId;
        private final Div chips = new Div();
        private final Div stars = new Div();
        private final Span problem = new Span();

        Editor(UUID owner, UUID photoId) {
            this.owner = owner;
            this.photoId = photoId;
            setId("photo-labels");
            addClassName("photo-labels");
            chips.setId("label-chips");
            chips.addClassName("label-chips");
            stars.setId("rating-stars");
            stars.addClassName("rating-stars");
            problem.setId("label-problem");
            problem.addClassName("error-text");
            var input = new TextField();
            input.setId("label-input");
            input.setPlaceholder("Add a label, e.g. cat");
            input.setMaxLength(LabelService.MAX_LENGTH);
            input.setAriaLabel("Add a label");
            var add = new Button("Add", e -> add(input));
            add.setId("label-add");
            input.addKeyPressListener(Key.ENTER, e -> add(input));
            var row = new Div(input, add);
            row.addClassName("label-input-row");
            add(new H3("Labels"), chips, row, problem, new H3("Rating"), stars);
            showLabels(labels.labelsOf(owner, photoId));
            showStars(ratings.ratingOf(owner, photoId).orElse(0));
        }

        private void add(TextField input) {
            if (input.getValue().isBlank()) return;
            var next = new ArrayList<>(labels.labelsOf(owner, photoId));
            next.add(input.getValue());
            if (save(next)) input.clear();
        }

        private boolean save(List<String> next) {
            try {
                showLabels(labels.setLabels(owner, photoId, next));
                problem.setText("");
                return true;
            } catch (LabelException e) {
                problem.setText(e.getMessage());
                return false;
            }
        }

        private void showLabels(List<String> current) {
            chips.removeAll();
            if (current.isEmpty()) chips.add(new Span("No labels yet."));
            for (String label : current) {
                var remove = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> {
                    var next = new ArrayList<>(current);
                    next.remove(label);
                    save(next);
                });
                remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
                remove.setAriaLabel("Remove label " + label);
                var chip = new Span(new Span(label), remove);
                chip.addClassName("label-chip");
                chip.getElement().setAttribute("data-label", label);
                chips.add(chip);
            }
        }

        private void showStars(int rating) {
            stars.removeAll();
            stars.getElement().setAttribute("data-rating", Integer.toString(rating));
            for (int i = 1; i <= 5; i++) {
                int value = i;
                var star = new Button(i <= rating ? "★" : "☆", e -> showStars(ratings.rate(owner, photoId, value == rating ? null : value).orElse(0)));
                star.setId("rating-" + i);
                star.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
                star.setAriaLabel(i == 1 ? "1 star" : i + " stars");
                star.addClassName("rating-star");
                stars.add(star);
            }
        }
    }
}

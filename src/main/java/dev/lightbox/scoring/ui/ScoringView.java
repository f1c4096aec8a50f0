package dev.lightbox.scoring.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.slider.DecimalSlider;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import dev.lightbox.analysis.Attribute;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.jobs.ui.JobUpdates;
import dev.lightbox.scoring.service.LibraryPreview;
import dev.lightbox.scoring.service.Reducer;
import dev.lightbox.scoring.service.RescoreJob;
import dev.lightbox.scoring.service.ScoringConfig;
import dev.lightbox.scoring.service.ScoringConfigService;
import dev.lightbox.scoring.service.ScoringException;
import dev.lightbox.scoring.service.ScoringService;
import jakarta.annotation.security.PermitAll;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Scoring configs as cards; the chosen one in an editor with a slider per weight and the thresholds.
 * While a slider moves, the best and worst photos of the library are re-ranked under the draft (in
 * memory, nothing saved). Save, save as, delete, activate; activating or changing the active config
 * re-scores the library in the background, with its progress shown here.
 */
@Route("scoring")
@PageTitle("Scoring")
@Menu(order = 30, icon = "vaadin:sliders", title = "Scoring")
@PermitAll
public class ScoringView extends Main {

    static final int PREVIEW_SIZE = 6;
    /** Debounces the sliders: the preview re-ranks when a slider rests this long, not on every step. */
    static final int SLIDER_SETTLE_MS = 150;

    private final ScoringConfigService configs;
    private final ScoringService scoring;
    private final UUID owner;
    private final Div cards = new Div();
    private final TextField name = new TextField("Name");
    private final Map<String, DecimalSlider> weights = new LinkedHashMap<>();
    private final Checkbox useMinSharpness = new Checkbox("Minimum sharpness");
    private final DecimalSlider minSharpness = slider("min-sharpness");
    private final Checkbox exposureOk = new Checkbox("Exposure must be ok");
    private final Checkbox facesRequired = new Checkbox("At least one face");
    private final Checkbox useMaxNoise = new Checkbox("Maximum noise");
    private final DecimalSlider maxNoise = slider("max-noise");
    private final Paragraph error = new Paragraph();
    private final Div top = PhotoTiles.grid("preview-top");
    private final Div bottom = PhotoTiles.grid("preview-bottom");
    private final Span previewNote = new Span();
    private final Div rescoring = new Div();
    private final Button activate = new Button("Activate", e -> activate());
    private final Button delete = new Button("Delete", e -> confirmDelete());
    private @Nullable LibraryPreview preview;
    private long ranking;
    private @Nullable ScoringConfig current;
    private boolean loading;

    public ScoringView(ScoringConfigService configs, ScoringService scoring, JobEvents jobEvents) {
        this.configs = configs;
        this.scoring = scoring;
        this.owner = CurrentUser.require().id();
        UI ui = UI.getCurrent();
        // the library is read and ranked on scoring's pool, not under this session's lock
        scoring.previewInBackground(owner).thenAccept(loaded -> access(ui, () -> {
            preview = loaded;
            changed();
        }));
        setId("scoring-view");
        addClassName("page");
        addClassName("scoring-page");

        cards.setId("config-cards");
        cards.addClassName("config-cards");
        rescoring.setId("rescoring");
        rescoring.setVisible(false);
        error.setId("config-error");
        error.addClassName("error-text");
        previewNote.addClassName("muted");
        add(new H2("Scoring"), new Paragraph("A config weighs the analysed attributes into a 0–100 score. Move a slider and watch "
                + "your best and weakest photos change; the active config scores your library."), rescoring, cards, editor());
        JobUpdates.follow(this, jobEvents, event -> owner.equals(event.ownerId()) && RescoreJob.TYPE.is(event.type()), event -> {
            rescoring.removeAll();
            boolean done = event.status() != JobStatus.RUNNING && event.status() != JobStatus.QUEUED;
            rescoring.setVisible(true);
            var bar = new ProgressBar(0, 1, event.progress());
            rescoring.add(new Span(done ? "Library re-scored." : "Re-scoring your library…"), bar);
            rescoring.getElement().setAttribute("data-status", event.status().name());
        });
        showCards(configs.active(owner).id());
    }

    private Component editor() {
        name.setId("config-name");
        name.setMaxLength(ScoringConfigService.MAX_NAME);
        name.setWidthFull();
        var sliders = new Div();
        sliders.addClassName("weight-sliders");
        for (String attribute : Reducer.ATTRIBUTES) {
            DecimalSlider slider = slider("weight-" + attribute);
            String label = label(attribute);
            slider.addValueChangeListener(e -> slider.setLabel(label + " · " + format(e.getValue())));
            slider.setLabel(label + " · 0");
            weights.put(attribute, slider);
            sliders.add(slider);
        }
        useMinSharpness.setId("use-min-sharpness");
        exposureOk.setId("exposure-ok");
        facesRequired.setId("faces-required");
        useMaxNoise.setId("use-max-noise");
        for (Checkbox box : List.of(useMinSharpness, exposureOk, facesRequired, useMaxNoise)) box.addValueChangeListener(e -> changed());
        minSharpness.addValueChangeListener(e -> useMinSharpness.setLabel("Minimum sharpness · " + format(e.getValue())));
        maxNoise.addValueChangeListener(e -> useMaxNoise.setLabel("Maximum noise · " + format(e.getValue())));
        minSharpness.setAriaLabel("Minimum sharpness");
        maxNoise.setAriaLabel("Maximum noise");
        var thresholds = new Div(new H3("Thresholds"), useMinSharpness, minSharpness, exposureOk, facesRequired, useMaxNoise, maxNoise);
        thresholds.addClassName("thresholds");

        var save = new Button("Save", e -> save());
        save.setId("config-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var saveAs = new Button("Save as…", e -> saveAs());
        saveAs.setId("config-save-as");
        activate.setId("config-activate");
        delete.setId("config-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        var actions = new HorizontalLayout(save, saveAs, activate, delete);
        actions.setWrap(true);

        var weightsCard = new Card();
        weightsCard.setTitle("Weights");
        weightsCard.add(name, sliders, thresholds, error, actions);
        weightsCard.addClassName("editor-card");
        var previewCard = new Card();
        previewCard.setTitle("Live preview");
        previewCard.add(previewNote, new H3("Best"), top, new H3("Weakest"), bottom);
        previewCard.addClassName("preview-card");
        var editor = new Div(weightsCard, previewCard);
        editor.addClassName("scoring-editor");
        return editor;
    }

    private DecimalSlider slider(String id) {
        var slider = new DecimalSlider(0, 1);
        slider.setStep(0.05);
        slider.setId(id);
        slider.setWidthFull();
        slider.setValueChangeMode(ValueChangeMode.LAZY);
        slider.setValueChangeTimeout(SLIDER_SETTLE_MS);
        slider.addValueChangeListener(e -> changed());
        return slider;
    }

    private static String format(@Nullable Double value) {
        return value == null ? "0" : String.format(java.util.Locale.ROOT, "%.2f", value);
    }

    private void showCards(UUID selected) {
        cards.removeAll();
        for (ScoringConfig config : configs.list(owner)) {
            var card = new Card();
            card.setTitle(config.name());
            if (config.active()) card.setSubtitle("Active");
            card.add(new Span(summary(config)));
            card.addClassName("config-card");
            card.getElement().setAttribute("data-name", config.name());
            card.getElement().setAttribute("data-active", Boolean.toString(config.active()));
            card.getElement().setAttribute("tabindex", "0");
            if (config.id().equals(selected)) {
                card.addClassName("selected");
                load(config);
            }
            card.getElement().addEventListener("click", e -> showCards(config.id()));
            cards.add(card);
        }
    }

    private static String summary(ScoringConfig config) {
        return config.weights().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(4)
                .map(e -> label(e.getKey()).toLowerCase() + " " + e.getValue()).reduce((a, b) -> a + " · " + b).orElse("");
    }

    /** What weighing an attribute rewards, from the catalogue. */
    static String label(String weight) {
        return Attribute.byWeight(weight).map(Attribute::weightLabel).orElse(weight);
    }

    private static void access(UI ui, Runnable update) {
        try {
            ui.access(update::run);
        } catch (UIDetachedException closed) {
            // the view was closed before its preview was ready: nothing to show it on
        }
    }

    private void load(ScoringConfig config) {
        loading = true;
        current = config;
        name.setValue(config.name());
        weights.forEach((attribute, slider) -> slider.setValue(config.weights().getOrDefault(attribute, 0.0)));
        var t = config.thresholds();
        useMinSharpness.setValue(t.minSharpness() != null);
        minSharpness.setValue(t.minSharpness() != null ? t.minSharpness() : 0.3);
        exposureOk.setValue(t.exposureOk());
        facesRequired.setValue(t.facesRequired());
        useMaxNoise.setValue(t.maxNoise() != null);
        maxNoise.setValue(t.maxNoise() != null ? t.maxNoise() : 0.5);
        activate.setEnabled(!config.active());
        error.setText("");
        loading = false;
        changed();
    }

    private Map<String, Double> draftWeights() {
        var draft = new LinkedHashMap<String, Double>();
        weights.forEach((attribute, slider) -> {
            double value = slider.getValue() == null ? 0 : slider.getValue();
            if (value > 0) draft.put(attribute, Math.round(value * 100) / 100.0);
        });
        return draft;
    }

    private ScoringConfig.Thresholds draftThresholds() {
        return new ScoringConfig.Thresholds(useMinSharpness.getValue() ? minSharpness.getValue() : null, exposureOk.getValue(),
                facesRequired.getValue(), useMaxNoise.getValue() ? maxNoise.getValue() : null);
    }

    /** Re-ranks the library under the draft: the live preview. */
    private void changed() {
        if (loading || current == null) return;
        minSharpness.setEnabled(useMinSharpness.getValue());
        maxNoise.setEnabled(useMaxNoise.getValue());
        var draft = new ScoringConfig(current.id(), name.getValue(), draftWeights(), draftThresholds(), current.active(), current.createdAt());
        LibraryPreview library = preview;
        if (library == null) {
            previewNote.setText("Reading your library…");
            return;
        }
        if (library.size() == 0 || draft.weights().isEmpty()) {
            top.removeAll();
            bottom.removeAll();
            previewNote.setText(library.size() == 0 ? "No analysed photos yet: upload some and the preview ranks them here."
                    : "Give at least one attribute a weight to rank your photos.");
            return;
        }
        long asked = ++ranking;
        UI ui = UI.getCurrent();
        scoring.rankInBackground(library, draft, PREVIEW_SIZE).thenAccept(extremes -> access(ui, () -> {
            if (asked != ranking) return; // a newer draft is being ranked
            top.removeAll();
            bottom.removeAll();
            previewNote.setText("Ranked from your " + library.size() + " analysed photos. Nothing is saved until you save.");
            extremes.top().forEach(rank -> top.add(PhotoTiles.tile(rank)));
            extremes.bottom().reversed().forEach(rank -> bottom.add(PhotoTiles.tile(rank)));
        }));
    }

    private void save() {
        if (current == null) return;
        try {
            ScoringConfig saved = configs.update(owner, current.id(), name.getValue(), draftWeights(), draftThresholds());
            Notification.show("Saved “" + saved.name() + "”" + (saved.active() ? ": re-scoring your library." : "."), 3000, Notification.Position.BOTTOM_START);
            showCards(saved.id());
        } catch (ScoringException e) {
            error.setText(e.getMessage());
        }
    }

    private void saveAs() {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Save as a new config");
        var newName = new TextField("Name");
        newName.setId("save-as-name");
        newName.setValue(name.getValue() + " (copy)");
        newName.setWidthFull();
        var problem = new Paragraph();
        problem.addClassName("error-text");
        var create = new Button("Create", e -> {
            try {
                ScoringConfig created = configs.create(owner, newName.getValue(), draftWeights(), draftThresholds());
                dialog.close();
                showCards(created.id());
            } catch (ScoringException ex) {
                problem.setText(ex.getMessage());
            }
        });
        create.setId("save-as-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(newName, problem);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), create);
        dialog.open();
    }

    private void activate() {
        if (current == null) return;
        ScoringConfig active = configs.activate(owner, current.id());
        Notification.show("“" + active.name() + "” is active: re-scoring your library.", 3000, Notification.Position.BOTTOM_START);
        showCards(active.id());
    }

    private void confirmDelete() {
        ScoringConfig current = this.current;
        if (current == null) return;
        var dialog = new ConfirmDialog();
        dialog.setHeader("Delete “" + current.name() + "”?");
        dialog.setText(current.active() ? "It is your active config: the oldest remaining one becomes active." : "This cannot be undone.");
        dialog.setCancelable(true);
        var confirm = new Button("Delete", e -> {
            try {
                configs.delete(owner, current.id());
                dialog.close();
                showCards(configs.active(owner).id());
            } catch (ScoringException ex) {
                dialog.close();
                error.setText(ex.getMessage());
            }
        });
        confirm.setId("confirm-delete-config");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.setConfirmButton(confirm);
        dialog.open();
    }
}

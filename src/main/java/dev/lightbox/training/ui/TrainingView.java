package dev.lightbox.training.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.library.service.PhotoLabels;
import dev.lightbox.training.service.LabelException;
import dev.lightbox.training.service.ModelRequest;
import dev.lightbox.training.service.ModelView;
import dev.lightbox.training.service.TasteService;
import dev.lightbox.training.service.TrainingService;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A "new model" form (a card): name, the labels to learn with their photo counts, architecture and the
 * training settings, each checked with a message on its field; and your models as cards, each opening its
 * run page.
 */
@Route("training")
@PageTitle("Training")
@Menu(order = 40, icon = "vaadin:academy-cap", title = "Training")
@PermitAll
public class TrainingView extends Main {

    private final TrainingService training;
    private final TasteService taste;
    private final PageWork work;
    private final UUID owner;
    private final TextField name = new TextField("Name");
    private final MultiSelectComboBox<PhotoLabels.LabelCount> labels = new MultiSelectComboBox<>("Labels to learn");
    private final Select<String> architecture = new Select<>();
    private final IntegerField imageSize = new IntegerField("Image size (px)");
    private final IntegerField epochs = new IntegerField("Epochs");
    private final IntegerField batchSize = new IntegerField("Batch size");
    private final NumberField learningRate = new NumberField("Learning rate");
    private final NumberField validationSplit = new NumberField("Validation split");
    private final Paragraph problem = new Paragraph();
    private final Div models = new Div();

    public TrainingView(TrainingService training, TasteService taste, PageWork work) {
        this.work = work;
        this.training = training;
        this.taste = taste;
        this.owner = CurrentUser.require().id();
        setId("training-view");
        addClassName("page");
        addClassName("training-page");
        models.setId("model-cards");
        models.addClassName("model-cards");
        add(new H2("Training"), new Paragraph("Teach Lightbox your own labels: it trains an image classifier on your labelled photos, "
                + "on the GPU when there is one."), form(), tasteCard(), new H2("Your models"), models);
        showModels();
    }

    private Component form() {
        name.setId("model-name");
        name.setMaxLength(100);
        int minimum = training.minPhotosPerLabel();
        labels.setId("model-labels");
        labels.setItems(training.labelCounts(owner));
        labels.setItemLabelGenerator(c -> c.label() + " (" + c.photos() + ")");
        labels.setHelperText("At least 2 labels, each on " + minimum + " photos or more.");
        labels.addValueChangeListener(e -> {
            var small = e.getValue().stream().filter(c -> c.photos() < minimum).map(PhotoLabels.LabelCount::label).toList();
            labels.setInvalid(!small.isEmpty());
            labels.setErrorMessage(small.isEmpty() ? null : String.join(", ", small) + ": fewer than " + minimum + " photos");
        });
        architecture.setId("model-architecture");
        architecture.setLabel("Architecture");
        architecture.setItems(ModelRequest.ARCHITECTURES);
        architecture.setValue("small-cnn");
        architecture.setItemLabelGenerator(a -> a.equals("small-cnn") ? "Small CNN (fast)" : "ResNet-18 from scratch (slower, more capacity)");
        imageSize.setId("model-image-size");
        imageSize.setValue(64);
        epochs.setId("model-epochs");
        epochs.setValue(10);
        batchSize.setId("model-batch-size");
        batchSize.setValue(ModelRequest.DEFAULT_BATCH_SIZE);
        learningRate.setId("model-learning-rate");
        learningRate.setValue(ModelRequest.DEFAULT_LEARNING_RATE);
        learningRate.setStep(0.0001);
        validationSplit.setId("model-validation-split");
        validationSplit.setValue(0.2);
        validationSplit.setHelperText("Share of photos held out to measure accuracy");
        problem.setId("model-problem");
        problem.addClassName("error-text");
        var start = new Button("Train", e -> start());
        start.setId("model-train");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var layout = new FormLayout(name, labels, architecture, imageSize, epochs, batchSize, learningRate, validationSplit);
        layout.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2));
        var card = new Card();
        card.setTitle("New model");
        card.add(layout, problem, start);
        card.addClassName("model-form");
        return card;
    }

    /** "Learn my taste": the personal score from star ratings. */
    private Component tasteCard() {
        var status = taste.status(owner);
        var card = new Card();
        card.setTitle("Learn my taste");
        card.setId("taste-card");
        var text = new Paragraph(status.ratings() + " of your photos are rated (" + status.needed() + " needed). "
                + status.last().map(t -> String.format(Locale.ROOT, "Last learnt from %d ratings: agrees with them at ρ = %.2f (cross-validated); "
                        + "%d photos have a personal score.", t.ratings(), t.spearman(), t.photos())).orElse("Rate photos 1–5 stars on their pages."));
        text.setId("taste-status");
        var learn = new Button("Learn my taste", e -> {
            try {
                taste.learn(owner);
                com.vaadin.flow.component.notification.Notification.show("Learning your taste: the personal score follows shortly "
                        + "(weigh “Personal” in a scoring config to use it).", 5000, com.vaadin.flow.component.notification.Notification.Position.BOTTOM_START);
            } catch (LabelException ex) {
                text.setText(ex.getMessage());
            }
        });
        learn.setId("taste-learn");
        learn.setEnabled(status.ratings() >= status.needed());
        card.add(text, learn);
        return card;
    }

    private void start() {
        var chosen = new ArrayList<String>();
        labels.getValue().forEach(c -> chosen.add(c.label()));
        var request = new ModelRequest(name.getValue(), chosen, architecture.getValue(), imageSize.getValue(), epochs.getValue(),
                batchSize.getValue(), learningRate.getValue(), validationSplit.getValue());
        clearErrors();
        try {
            TrainingService.Started started = training.start(owner, request);
            getUI().ifPresent(ui -> ui.navigate("training/" + started.id()));
        } catch (LabelException e) {
            problem.setText(e.getMessage());
            markField(e.getMessage());
        }
    }

    private void clearErrors() {
        problem.setText("");
        List<com.vaadin.flow.component.HasValidation> fields = List.of(name, imageSize, epochs, batchSize, learningRate, validationSplit);
        fields.forEach(field -> field.setInvalid(false));
    }

    private void markField(String message) {
        String field = message.contains(":") ? message.substring(0, message.indexOf(':')) : "";
        String text = message.contains(":") ? message.substring(message.indexOf(':') + 1).strip() : message;
        Map<String, com.vaadin.flow.component.HasValidation> fields = Map.of("name", name, "imageSize", imageSize, "epochs", epochs,
                "batchSize", batchSize, "learningRate", learningRate, "validationSplit", validationSplit, "labels", labels);
        var target = fields.get(field);
        if (target != null) {
            target.setErrorMessage(text);
            target.setInvalid(true);
        }
    }

    /** The models view: each model with its state and metrics; open, activate, download, delete. */
    private void showModels() {
        models.removeAll();
        List<ModelView> all = training.list(owner);
        if (all.isEmpty()) models.add(new Paragraph("No models yet."));
        for (ModelView model : all) {
            var card = new Card();
            card.setTitle(model.name());
            card.setSubtitle(model.status().toLowerCase(Locale.ROOT) + (model.active() ? " · active" : ""));
            Object accuracy = model.metrics() == null ? null : model.metrics().get("accuracy");
            var facts = new Span(String.join(", ", model.labels()) + " · " + model.architecture()
                    + (accuracy instanceof Number n ? String.format(Locale.ROOT, " · accuracy %.0f%%", 100 * n.doubleValue()) : "")
                    + (model.samplesPerSecond() != null ? String.format(Locale.ROOT, " · %.0f samples/s", model.samplesPerSecond()) : "")
                    + (model.versions().isEmpty() ? "" : " · v" + model.versions().getLast().version()));
            facts.addClassName("model-facts");
            card.add(facts);
            if (!model.warnings().isEmpty()) card.add(warnings(model, "model-warnings-" + model.id()));
            var open = new Anchor("training/" + model.id(), "Open");
            card.addToFooter(open);
            if (!model.versions().isEmpty()) {
                var activate = new Button(model.active() ? "Active" : "Activate", e -> {
                    training.activate(owner, model.id());
                    showModels();
                });
                activate.addClassName("model-activate");
                activate.setEnabled(!model.active());
                activate.addThemeVariants(ButtonVariant.LUMO_SMALL);
                var download = new Anchor("api/v1/models/" + model.id() + "/versions/" + model.versions().getLast().version() + "/download", "Download");
                download.setRouterIgnore(true);
                download.addClassName("model-download");
                card.addToFooter(activate, download);
            }
            var delete = new Button("Delete", e -> {
                var dialog = new com.vaadin.flow.component.confirmdialog.ConfirmDialog();
                dialog.setHeader("Delete “" + model.name() + "”?");
                dialog.setText("Its versions and files are deleted; a running training is cancelled.");
                dialog.setCancelable(true);
                dialog.setConfirmText("Delete");
                dialog.addConfirmListener(confirmed -> getUI().ifPresent(ui -> work.execute(() -> {
                    String failure = null;
                    try {
                        training.delete(owner, model.id());
                    } catch (RuntimeException ex) {
                        failure = ex.getMessage();
                    }
                    String failed = failure;
                    ui.access(() -> {
                        if (failed != null) com.vaadin.flow.component.notification.Notification.show("Deleting failed: " + failed, 5000,
                                com.vaadin.flow.component.notification.Notification.Position.BOTTOM_START);
                        showModels();
                    });
                })));
                dialog.open();
            });
            delete.addClassName("model-delete");
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            card.addToFooter(delete);
            card.addClassName("model-card");
            card.getElement().setAttribute("data-model-id", model.id().toString());
            card.getElement().setAttribute("data-status", model.status());
            card.getElement().setAttribute("data-active", Boolean.toString(model.active()));
            models.add(card);
        }
    }

    /** The model's warnings, one line each, marked so nobody mistakes a doubtful model for a good one. */
    static Div warnings(ModelView model, String id) {
        var box = new Div();
        box.setId(id);
        box.addClassName("model-warnings");
        box.getStyle().set("color", "var(--lumo-warning-text-color, #8a5a00)").set("border-left", "3px solid var(--lumo-warning-color, #e6a700)")
                .set("padding-left", "var(--lumo-space-s)");
        for (String warning : model.warnings()) box.add(new Paragraph("⚠ " + warning));
        return box;
    }
}

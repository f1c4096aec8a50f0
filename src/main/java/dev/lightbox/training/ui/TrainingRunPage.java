package dev.lightbox.training.ui;

import dev.lightbox.base.ui.LineChart;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.ui.JobUpdates;
import dev.lightbox.training.service.ModelView;
import dev.lightbox.training.service.TrainingService;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One training run, live: the lifecycle states, progress, device and samples per second, the loss and
 * accuracy per epoch as a chart, then the evaluation (accuracy, per-class precision and recall, confusion
 * matrix); activate, download, cancel, delete.
 */
@Route("training/:id")
@PageTitle("Training run")
@PermitAll
public class TrainingRunPage extends Main implements BeforeEnterObserver {

    private final TrainingService training;
    private final JobService jobs;
    private final JobEvents events;
    private final PageWork work;
    private final UUID owner;
    private @Nullable UUID modelId;
    private final ProgressBar progress = new ProgressBar(0, 1);
    private final Div body = new Div();

    public TrainingRunPage(TrainingService training, JobService jobs, JobEvents events, PageWork work) {
        this.training = training;
        this.jobs = jobs;
        this.events = events;
        this.work = work;
        this.owner = CurrentUser.require().id();
        setId("training-run");
        addClassName("page");
        addClassName("training-page");
        add(body);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        UUID id = event.getRouteParameters().get("id").flatMap(TrainingRunPage::uuid).orElse(null);
        modelId = id;
        var model = id == null ? java.util.Optional.<ModelView>empty() : training.find(owner, id);
        if (model.isEmpty()) {
            body.removeAll();
            body.add(new H2("Model not found"), new Anchor("training", "Back to training"));
            return;
        }
        show(model.get());
        UUID jobId = model.get().jobId();
        if (jobId != null && id != null) {
            var ui = event.getUI();
            var refresher = new Refresher<>(work, () -> training.find(owner, id), ui::access, found -> found.ifPresent(this::show));
            // the event arrives inside ui.access, which may run on the job-event thread: the query goes elsewhere
            JobUpdates.follow(this, events, e -> e.id().equals(jobId), e -> {
                progress.setValue(e.progress());
                refresher.request();
            });
        }
    }

    private void show(ModelView model) {
        body.removeAll();
        var status = new Span(model.status());
        status.setId("run-status");
        status.getElement().setAttribute("data-status", model.status());
        status.getElement().setAttribute("data-state", model.state());
        body.add(new H2(model.name()), new Paragraph(String.join(", ", model.labels()) + " · " + model.architecture() + " · "
                + model.config().get("imageSize") + " px · " + model.config().get("epochs") + " epochs"), status);
        body.add(states(model));
        if (model.status().equals("RUNNING") || model.status().equals("QUEUED")) body.add(progress);
        var facts = new Div();
        facts.setId("run-facts");
        facts.addClassName("profile-facts");
        if (model.device() != null) facts.add(new Paragraph("Device: " + model.device()));
        if (model.samplesPerSecond() != null) facts.add(new Paragraph(String.format(Locale.ROOT, "%.0f samples/s", model.samplesPerSecond())));
        if (model.message() != null) facts.add(new Paragraph(model.message()));
        if (model.error() != null) {
            var error = new Paragraph(model.error());
            error.setId("run-error");
            error.addClassName("error-text");
            facts.add(error);
        }
        body.add(facts);
        if (!model.warnings().isEmpty()) body.add(TrainingView.warnings(model, "run-warnings"));
        if (!model.history().isEmpty()) {
            body.add(new H3("Training"), LineChart.of("chart-training", "Loss and accuracy per epoch", List.of(
                    new LineChart.Series("loss", "line-loss", values(model.history(), "loss")),
                    new LineChart.Series("accuracy", "line-accuracy", values(model.history(), "accuracy")),
                    new LineChart.Series("validation", "line-validation", values(model.history(), "validationAccuracy")))));
        }
        if (model.metrics() != null) body.add(evaluation(model));
        body.add(actions(model));
    }

    private static List<Double> values(List<Map<String, Object>> history, String key) {
        return history.stream().map(e -> e.get(key) instanceof Number n ? n.doubleValue() : 0.0).toList();
    }

    private static OrderedList states(ModelView model) {
        var list = new OrderedList();
        list.setId("run-states");
        list.addClassName("run-states");
        int current = ModelView.STATES.indexOf(model.state());
        for (int i = 0; i < ModelView.STATES.size(); i++) {
            var item = new ListItem(ModelView.STATES.get(i).replace('_', ' ').toLowerCase(Locale.ROOT));
            boolean finished = model.status().equals("COMPLETED") || i < current;
            item.addClassName(finished ? "done" : i == current ? "current" : "todo");
            if (i == current && (model.status().equals("FAILED") || model.status().equals("CANCELLED"))) item.addClassName("stopped");
            list.add(item);
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    private static Div evaluation(ModelView model) {
        Map<String, Object> metrics = model.metrics() == null ? Map.of() : model.metrics();
        var div = new Div(new H3("Evaluation on held-out photos"));
        var accuracy = new Paragraph(String.format(Locale.ROOT, "Accuracy %.1f%%",
                100 * (metrics.get("accuracy") instanceof Number n ? n.doubleValue() : Double.NaN)));
        accuracy.setId("run-accuracy");
        div.add(accuracy);
        var table = new StringBuilder("<table class=\"confusion\"><thead><tr><th>true ↓ / predicted →</th>");
        for (String label : model.labels()) table.append("<th>").append(escape(label)).append("</th>");
        table.append("<th>precision</th><th>recall</th></tr></thead><tbody>");
        List<List<Number>> confusion = (List<List<Number>>) metrics.getOrDefault("confusion", List.of());
        Map<String, Map<String, Number>> perClass = (Map<String, Map<String, Number>>) metrics.getOrDefault("perClass", Map.of());
        for (int i = 0; i < model.labels().size(); i++) {
            String label = model.labels().get(i);
            table.append("<tr><th>").append(escape(label)).append("</th>");
            if (i < confusion.size()) for (Number n : confusion.get(i)) table.append("<td>").append(n.intValue()).append("</td>");
            Map<String, Number> scores = perClass.getOrDefault(label, Map.of());
            table.append(String.format(Locale.ROOT, "<td>%.2f</td><td>%.2f</td></tr>", scores.getOrDefault("precision", Double.NaN).doubleValue(),
                    scores.getOrDefault("recall", Double.NaN).doubleValue()));
        }
        var holder = new Div();
        holder.setId("run-confusion");
        holder.getElement().setProperty("innerHTML", table.append("</tbody></table>").toString());
        div.add(holder);
        return div;
    }

    private HorizontalLayout actions(ModelView model) {
        var actions = new HorizontalLayout();
        actions.setWrap(true);
        if (model.status().equals("RUNNING") || model.status().equals("QUEUED")) {
            var cancel = new Button("Cancel", e -> { if (model.jobId() != null) jobs.cancel(owner, model.jobId()); });
            cancel.setId("run-cancel");
            cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
            actions.add(cancel);
        }
        if (!model.versions().isEmpty()) {
            var activate = new Button(model.active() ? "Active" : "Activate", e -> show(training.activate(owner, model.id())));
            activate.setId("run-activate");
            activate.setEnabled(!model.active());
            activate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            var download = new Anchor("api/v1/models/" + model.id() + "/versions/1/download", "Download");
            download.setRouterIgnore(true);
            download.setId("run-download");
            var apply = new Button("Apply to library", e -> {
                training.applyToLibrary(owner, model.id());
                com.vaadin.flow.component.notification.Notification.show("Classifying your library: follow it on the Jobs page.", 4000,
                        com.vaadin.flow.component.notification.Notification.Position.BOTTOM_START);
            });
            apply.setId("run-apply");
            actions.add(activate, apply, download);
        }
        var delete = new Button("Delete", e -> confirmDelete(model));
        delete.setId("run-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        actions.add(delete);
        return actions;
    }

    private void confirmDelete(ModelView model) {
        var dialog = new ConfirmDialog();
        dialog.setHeader("Delete “" + model.name() + "”?");
        dialog.setText("Its versions and files are deleted; a running training is cancelled.");
        dialog.setCancelable(true);
        dialog.setConfirmText("Delete");
        dialog.addConfirmListener(e -> getUI().ifPresent(ui -> work.execute(() -> {
            try {
                training.delete(owner, model.id());
                ui.access(() -> ui.navigate("training"));
            } catch (RuntimeException failure) {
                ui.access(() -> com.vaadin.flow.component.notification.Notification.show("Deleting failed: " + failure.getMessage(), 5000,
                        com.vaadin.flow.component.notification.Notification.Position.BOTTOM_START));
            }
        })));
        dialog.open();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static java.util.Optional<UUID> uuid(String text) {
        try {
            return java.util.Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}

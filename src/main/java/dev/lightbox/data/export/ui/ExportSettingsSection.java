package dev.lightbox.data.export.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.lightbox.account.ui.SettingsSection;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.data.export.service.ExportException;
import dev.lightbox.data.export.service.ExportService;
import dev.lightbox.data.export.service.ExportStatus;
import dev.lightbox.data.export.service.ExportView;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.jobs.ui.JobUpdates;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * "Export" on the Settings page: "Export my library", the running export's live progress, then a download link with
 * its expiry; earlier exports below. Reads and starts happen off the session lock; job progress is pushed.
 */
@org.springframework.stereotype.Component
class ExportSettingsSection implements SettingsSection {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
            .withZone(ZoneId.systemDefault());

    private final ExportService exports;
    private final JobEvents events;
    private final UiTasks tasks;

    ExportSettingsSection(ExportService exports, JobEvents events, UiTasks tasks) {
        this.exports = exports;
        this.events = events;
        this.tasks = tasks;
    }

    @Override
    public int order() {
        return 80;
    }

    @Override
    public Component create(UUID userId) {
        return new Panel(userId);
    }

    private final class Panel extends Div {
        private final UUID userId;
        private final Button start = new Button("Export my library", VaadinIcon.DOWNLOAD.create());
        private final Div running = new Div();
        private final Paragraph problem = new Paragraph();
        private final Div list = new Div();

        Panel(UUID userId) {
            this.userId = userId;
            setId("export-settings");
            addClassName("export-settings");
            var intro = new Paragraph("One zip of everything Lightbox keeps for you: your originals under their file names, a JSON file "
                    + "with each photo's metadata, scores, labels and skin metrics, your scoring configs, models, skin diary and credit "
                    + "history. Photos in the trash are left out. The download is kept for " + ExportService.VALID.toDays() + " days.");
            intro.addClassName("muted");
            start.setId("export-start");
            start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            start.addClickListener(click -> begin());
            problem.setId("export-problem");
            problem.addClassName("error-text");
            problem.setVisible(false);
            running.setId("export-running");
            list.setId("export-list");
            list.addClassName("export-list");
            add(new H2("Export"), intro, start, problem, running, list);
            addAttachListener(attach -> reload(attach.getUI()));
        }

        private void reload(UI ui) {
            tasks.run(() -> {
                List<ExportView> items = exports.list(userId, null, 20).items();
                UiTasks.push(ui, () -> show(ui, items));
            });
        }

        private void begin() {
            UI ui = UI.getCurrent();
            start.setEnabled(false);
            problem.setVisible(false);
            tasks.run(() -> {
                String refused = null;
                try {
                    exports.start(userId);
                } catch (ExportException e) {
                    refused = e.getMessage();
                }
                String message = refused;
                List<ExportView> items = exports.list(userId, null, 20).items();
                UiTasks.push(ui, () -> {
                    if (message != null) {
                        problem.setText(message);
                        problem.setVisible(true);
                    }
                    show(ui, items);
                });
            });
        }

        private void show(UI ui, List<ExportView> items) {
            running.removeAll();
            list.removeAll();
            ExportView active = items.stream().filter(e -> e.status() == ExportStatus.RUNNING).findFirst().orElse(null);
            start.setEnabled(active == null);
            if (active != null && active.jobId() != null) follow(ui, active.id(), active.jobId());
            items.stream().filter(e -> e.status() != ExportStatus.RUNNING).forEach(e -> list.add(row(e)));
        }

        /** Live progress of the running export; once it ends, the list again. */
        private void follow(UI ui, UUID exportId, UUID jobId) {
            var bar = new ProgressBar();
            bar.setId("export-progress");
            bar.setIndeterminate(true);
            var step = new Span("Queued");
            step.setId("export-step");
            step.addClassName("muted");
            running.add(bar, step);
            JobUpdates.follow(bar, events, event -> event.id().equals(jobId), event -> {
                if (event.message() != null) step.setText(event.message());
                if (event.progress() > 0) {
                    bar.setIndeterminate(false);
                    bar.setValue(Math.min(1, event.progress()));
                }
                if (event.status().finished()) reload(ui);
            });
            tasks.run(() -> { // subscribed now: an end that came before it is caught here
                if (exports.find(userId, exportId).map(e -> e.status() != ExportStatus.RUNNING).orElse(true)) reload(ui);
            });
        }

        private Div row(ExportView export) {
            var row = new Div();
            row.addClassName("export-row");
            row.getElement().setAttribute("data-status", export.status().name());
            var when = new Span(WHEN.format(export.createdAt()));
            row.add(when);
            switch (export.status()) {
                case READY -> {
                    var link = new Anchor("/media/exports/" + export.id() + "/download", "Download (" + size(export.sizeBytes()) + ", "
                            + export.photoCount() + " photos)");
                    link.setRouterIgnore(true);
                    link.getElement().setAttribute("download", true);
                    link.addClassName("export-download");
                    var until = new Span(export.expiresAt() == null ? "" : "until " + WHEN.format(export.expiresAt()));
                    until.addClassName("muted");
                    row.add(link, until);
                }
                case FAILED -> {
                    var failed = new Span("Failed" + (export.error() == null ? "" : ": " + export.error()));
                    failed.addClassName("error-text");
                    row.add(failed);
                }
                case EXPIRED -> {
                    var expired = new Span("Expired");
                    expired.addClassName("muted");
                    row.add(expired);
                }
                case RUNNING -> row.add(new Span("Running"));
            }
            return row;
        }
    }

    static String size(@org.jspecify.annotations.Nullable Long bytes) {
        if (bytes == null) return "?";
        if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
        if (bytes < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }
}

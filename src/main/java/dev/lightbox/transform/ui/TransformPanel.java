package dev.lightbox.transform.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.jobs.ui.JobUpdates;
import dev.lightbox.transform.pipeline.TransformStatus;
import dev.lightbox.transform.service.TransformConflictException;
import dev.lightbox.transform.service.TransformNotFoundException;
import dev.lightbox.transform.service.TransformService;
import dev.lightbox.transform.service.TransformView;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transform, live: its status, a progress bar, the steps with their messages and times (pushed as the job
 * reports them), cancel while it runs; once completed the before/after slider, Save to library and Download;
 * the reason when it failed. Used by the Restyle dialog and the transform's own page.
 */
class TransformPanel extends Div {

    private static final Logger log = LoggerFactory.getLogger(TransformPanel.class);

    private final TransformService transforms;
    private final UiTasks tasks;
    private final UUID owner;
    private final UUID transformId;
    private final Span status = new Span();
    private final ProgressBar bar = new ProgressBar();
    private final StepList steps = new StepList();
    private final Div outcome = new Div();
    private final Div actions = new Div();
    private @Nullable TransformStatus shown;

    TransformPanel(TransformService transforms, JobEvents events, UiTasks tasks, UUID owner, TransformView transform) {
        this.transforms = transforms;
        this.tasks = tasks;
        this.owner = owner;
        this.transformId = transform.id();
        addClassName("transform-panel");
        setId("transform-panel");
        getElement().setAttribute("data-transform", transform.id().toString());
        status.setId("transform-status");
        bar.setId("transform-progress");
        outcome.addClassName("transform-outcome");
        actions.addClassName("transform-actions");
        var head = new Div(new Span(transform.style()), status);
        head.addClassName("transform-head");
        add(head, bar, steps, outcome, actions);
        show(transform);
        UUID jobId = transform.jobId();
        if (jobId != null && !transform.status().finished()) {
            JobUpdates.follow(this, events, event -> event.id().equals(jobId), event -> refresh());
        }
    }

    private void refresh() {
        UI ui = UI.getCurrent();
        tasks.run(() -> {
            Optional<TransformView> now = transforms.find(owner, transformId);
            UiTasks.push(ui, () -> now.ifPresentOrElse(this::show, this::gone));
        });
    }

    /** A save or cancel the service refused (finished, deleted or expired meanwhile): say why, then show it as it is now. */
    private void refused(UI ui, RuntimeException e, Button button) {
        String reason = e instanceof TransformConflictException || e instanceof TransformNotFoundException
                ? String.valueOf(e.getMessage()) : "The server could not do that: try again later.";
        if (!(e instanceof TransformConflictException || e instanceof TransformNotFoundException)) {
            log.warn("A transform action failed: {}", e.toString());
        }
        Optional<TransformView> now;
        try {
            now = transforms.find(owner, transformId);
        } catch (RuntimeException again) {
            now = Optional.empty();
        }
        Optional<TransformView> current = now;
        UiTasks.push(ui, () -> {
            Notification.show(reason, 6000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_ERROR);
            button.setEnabled(true);
            shown = null; // redraw the outcome and actions from what the row says now
            current.ifPresentOrElse(this::show, this::gone);
        });
    }

    private void gone() {
        getElement().setAttribute("data-status", "gone");
        bar.setVisible(false);
        outcome.removeAll();
        actions.removeAll();
        outcome.add(problem("This restyle no longer exists."));
    }

    private void show(TransformView t) {
        status.setText(t.status().id());
        status.getElement().getThemeList().clear();
        status.getElement().getThemeList().add("badge " + theme(t.status()));
        getElement().setAttribute("data-status", t.status().id());
        bar.setValue(Math.max(0, Math.min(1, t.progress())));
        bar.setVisible(!t.status().finished());
        steps.show(t.steps().stream().map(s -> new StepList.Row(s.name(), s.status(), s.ms(), s.message())).toList(), t.step());
        if (t.status() == shown && t.status().finished()) return;
        shown = t.status();
        outcome.removeAll();
        actions.removeAll();
        switch (t.status()) {
            case COMPLETED -> completed(t);
            case FAILED -> outcome.add(problem("The restyle failed: " + (t.error() != null ? t.error() : "no reason given") + ". Nothing was kept."));
            case CANCELLED -> outcome.add(problem("Cancelled. Nothing was kept."));
            case EXPIRED -> outcome.add(problem("This result expired and was removed. Run the style again to get it back."));
            default -> running();
        }
    }

    private void running() {
        var cancel = new Button("Cancel", VaadinIcon.CLOSE_SMALL.create(), click -> {
            click.getSource().setEnabled(false);
            UI ui = UI.getCurrent();
            Button button = click.getSource();
            tasks.run(() -> {
                TransformView after;
                try {
                    after = transforms.cancel(owner, transformId);
                } catch (RuntimeException e) {
                    refused(ui, e, button);
                    return;
                }
                UiTasks.push(ui, () -> show(after));
            });
        });
        cancel.setId("transform-cancel");
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        actions.add(cancel);
    }

    private void completed(TransformView t) {
        var before = new Image("media/photos/" + t.photoId() + "/preview", "Before");
        var after = new Image(image(), "After");
        outcome.add(new BeforeAfterSlider(before, after));
        var save = new Button(t.savedPhotoId() != null ? "Saved to library" : "Save to library", VaadinIcon.PLUS.create());
        save.setId("transform-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setEnabled(t.savedPhotoId() == null);
        var saved = new Div();
        saved.setId("transform-saved");
        if (t.savedPhotoId() != null) saved.add(new Anchor("photos/" + t.savedPhotoId(), "Open the saved photo"));
        save.addClickListener(click -> {
            save.setEnabled(false);
            UI ui = UI.getCurrent();
            tasks.run(() -> {
                UUID photoId;
                try {
                    photoId = transforms.save(owner, transformId);
                } catch (RuntimeException e) {
                    refused(ui, e, save);
                    return;
                }
                UiTasks.push(ui, () -> {
                    save.setText("Saved to library");
                    saved.removeAll();
                    saved.add(new Anchor("photos/" + photoId, "Open the saved photo"));
                });
            });
        });
        var download = new Anchor(image(), "");
        download.getElement().setAttribute("download", true);
        download.add(new Button("Download", VaadinIcon.DOWNLOAD.create()));
        download.setId("transform-download");
        actions.add(save, download, saved);
        if (t.result() != null) {
            var size = new Span(t.result().width() + " × " + t.result().height() + " · " + (t.result().bytes() / 1024) + " KB");
            size.addClassName("muted");
            actions.add(size);
        }
        if (t.expiresAt() != null) {
            var expires = new Span("Kept until " + t.expiresAt().toString().substring(0, 10) + " unless saved to the library.");
            expires.addClassName("muted");
            actions.add(expires);
        }
    }

    private DownloadHandler image() {
        return DownloadHandler.fromInputStream(event -> transforms.result(owner, transformId)
                .map(image -> new DownloadResponse(image.open(), "restyled-" + transformId + ".jpg", "image/jpeg", image.size()))
                .orElseGet(() -> DownloadResponse.error(404)));
    }

    private static Paragraph problem(String text) {
        var p = new Paragraph(text);
        p.setId("transform-problem");
        p.addClassName("error-text");
        return p;
    }

    private static String theme(TransformStatus status) {
        return switch (status) {
            case COMPLETED -> "success";
            case FAILED -> "error";
            case CANCELLED, EXPIRED -> "contrast";
            default -> "";
        };
    }
}

package dev.lightbox.transform.ui;

import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.library.service.PhotoWithoutOriginalException;
import dev.lightbox.transform.pipeline.InvalidStyleException;
import dev.lightbox.transform.pipeline.StyleInfo;
import dev.lightbox.transform.service.TransformNotFoundException;
import dev.lightbox.transform.service.TransformService;
import dev.lightbox.transform.service.TransformView;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Restyle…: a gallery of styles; the chosen one's settings with a preview computed on the photo's preview
 * rendition (off the UI thread, pushed when ready); Run starts the transform and the dialog follows it live.
 */
class RestyleDialog extends Dialog {

    private static final Logger log = LoggerFactory.getLogger(RestyleDialog.class);

    private final TransformService transforms;
    private final JobEvents events;
    private final UiTasks tasks;
    private final UUID owner;
    private final PhotoView photo;
    private final List<PhotoView> photos;
    private final Div gallery = new Div();
    private final Div settings = new Div();
    private final Div preview = new Div();
    private final Paragraph problem = new Paragraph();
    private final Button run = new Button("Run", VaadinIcon.MAGIC.create());
    private @Nullable StyleInfo chosen;
    private @Nullable ParamForm form;
    private final Previews previews;
    private final AtomicInteger previewGeneration = new AtomicInteger();

    RestyleDialog(TransformService transforms, JobEvents events, UiTasks tasks, PreviewRunner previewRunner, UUID owner,
                  PhotoView photo, List<StyleInfo> styles, List<PhotoView> photos) {
        this.transforms = transforms;
        this.events = events;
        this.tasks = tasks;
        this.previews = previewRunner.open();
        this.owner = owner;
        this.photo = photo;
        this.photos = photos;
        setHeaderTitle("Restyle");
        setId("restyle-dialog");
        addClassName("restyle-dialog");
        setWidth("min(960px, 100vw)");
        gallery.addClassName("style-gallery");
        gallery.setId("style-gallery");
        styles.forEach(style -> gallery.add(card(style)));
        settings.addClassName("style-settings");
        preview.addClassName("style-preview");
        preview.setId("style-preview");
        problem.setId("restyle-problem");
        problem.addClassName("error-text");
        problem.setVisible(false);
        var body = new Div(gallery, new Div(settings, problem), preview);
        body.addClassName("restyle-body");
        add(body);
        run.setId("restyle-run");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.setEnabled(false);
        run.addClickListener(click -> start());
        var close = new Button("Close", click -> close());
        close.setId("restyle-close");
        getFooter().add(close, run);
        if (!styles.isEmpty()) choose(styles.getFirst());
    }

    private Div card(StyleInfo style) {
        var title = new H4(style.title());
        var text = new Span(style.description());
        text.addClassName("muted");
        var card = new Div(title, text);
        card.addClassName("style-card");
        card.getElement().setAttribute("data-style", style.id());
        card.getElement().setAttribute("role", "button");
        card.getElement().setAttribute("tabindex", "0");
        card.addClickListener(click -> choose(style));
        card.getElement().addEventListener("keydown", e -> choose(style)).setFilter("event.key === 'Enter' || event.key === ' '");
        return card;
    }

    private void choose(StyleInfo style) {
        chosen = style;
        gallery.getChildren().forEach(card -> card.getElement().getClassList()
                .set("selected", style.id().equals(card.getElement().getAttribute("data-style"))));
        settings.removeAll();
        var name = new H4(style.title());
        form = new ParamForm(style, photos, this::refreshPreview);
        var previewButton = new Button("Preview", VaadinIcon.EYE.create(), click -> refreshPreview());
        previewButton.setId("restyle-preview");
        previewButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        settings.add(name, form, previewButton);
        run.setEnabled(true);
        problem.setVisible(false);
        refreshPreview();
    }

    /**
     * Runs the style on the preview rendition in the background (one at a time per dialog, on the preview pool); a
     * newer request replaces one still waiting, and an answer that went stale meanwhile is not shown.
     */
    private void refreshPreview() {
        StyleInfo style = chosen;
        ParamForm params = form;
        if (style == null || params == null) return;
        int generation = previewGeneration.incrementAndGet();
        JsonNode values = params.values();
        preview.removeAll();
        var bar = new ProgressBar();
        bar.setIndeterminate(true);
        var waiting = new Span("Computing a preview…");
        waiting.addClassName("muted");
        preview.add(bar, waiting);
        UI ui = UI.getCurrent();
        previews.submit(new Previews.Request(() -> generation == previewGeneration.get(),
                () -> computePreview(ui, generation, style, values),
                () -> UiTasks.push(ui, () -> showPreviewProblem(generation, "No preview: the server is busy. Press Preview to try again."))));
    }

    private void computePreview(UI ui, int generation, StyleInfo style, JsonNode values) {
        byte[] image;
        try {
            image = transforms.preview(owner, photo.id(), style.id(), values);
        } catch (InvalidStyleException e) {
            UiTasks.push(ui, () -> showPreviewProblem(generation, String.valueOf(e.getMessage())));
            return;
        } catch (RuntimeException e) {
            UiTasks.push(ui, () -> showPreviewProblem(generation, "No preview: " + e.getMessage()));
            return;
        }
        UiTasks.push(ui, () -> {
            if (generation != previewGeneration.get()) return;
            preview.removeAll();
            var shown = new Image(DownloadHandler.fromInputStream(event ->
                    new DownloadResponse(new ByteArrayInputStream(image), "preview.jpg", "image/jpeg", image.length)), "Preview of " + style.title());
            shown.setId("style-preview-image");
            preview.add(shown);
        });
    }

    private void showPreviewProblem(int generation, String reason) {
        if (generation != previewGeneration.get()) return;
        preview.removeAll();
        var p = new Paragraph(reason);
        p.addClassName("error-text");
        preview.add(p);
    }

    /** Starts the transform off the session lock (a row and a job); a refusal shows under the settings. */
    private void start() {
        StyleInfo style = chosen;
        ParamForm params = form;
        if (style == null || params == null) return;
        JsonNode values = params.values();
        run.setEnabled(false);
        problem.setVisible(false);
        UI ui = UI.getCurrent();
        tasks.run(() -> {
            TransformView started;
            try {
                started = transforms.start(owner, photo.id(), style.id(), values);
            } catch (InvalidStyleException | TransformNotFoundException | PhotoWithoutOriginalException e) {
                UiTasks.push(ui, () -> refused(String.valueOf(e.getMessage())));
                return;
            } catch (RuntimeException e) {
                log.warn("Starting a restyle failed: {}", e.toString());
                UiTasks.push(ui, () -> refused("The restyle could not be started: try again later."));
                return;
            }
            UiTasks.push(ui, () -> follow(started));
        });
    }

    private void refused(String reason) {
        problem.setText(reason);
        problem.setVisible(true);
        run.setEnabled(chosen != null);
    }

    private void follow(TransformView started) {
        previews.close();
        previewGeneration.incrementAndGet();
        removeAll();
        getFooter().removeAll();
        var panel = new TransformPanel(transforms, events, tasks, owner, started);
        var all = new Anchor("transforms/" + started.id(), "Open on its own page");
        all.setId("restyle-open");
        var close = new Button("Close", click -> close());
        close.setId("restyle-close");
        add(panel);
        getFooter().add(all, close);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        super.onDetach(event);
        previews.close(); // a closed dialog computes nothing more
        previewGeneration.incrementAndGet();
    }
}

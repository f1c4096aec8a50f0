package dev.lightbox.transform.ui;

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
import dev.lightbox.transform.pipeline.InvalidStyleException;
import dev.lightbox.transform.pipeline.StyleInfo;
import dev.lightbox.transform.service.TransformService;
import dev.lightbox.transform.service.TransformView;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Restyle…: a gallery of styles; the chosen one's settings with a preview computed on the photo's preview
 * rendition (off the UI thread, pushed when ready); Run starts the transform and the dialog follows it live.
 */
class RestyleDialog extends Dialog {

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
    private int previewGeneration;

    RestyleDialog(TransformService transforms, JobEvents events, UiTasks tasks, UUID owner, PhotoView photo,
                  List<StyleInfo> styles, List<PhotoView> photos) {
        this.transforms = transforms;
        this.events = events;
        this.tasks = tasks;
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

    /** Runs the style on the preview rendition in the background; a newer request makes an older answer stale. */
    private void refreshPreview() {
        StyleInfo style = chosen;
        ParamForm params = form;
        if (style == null || params == null) return;
        int generation = ++previewGeneration;
        JsonNode values = params.values();
        preview.removeAll();
        var bar = new ProgressBar();
        bar.setIndeterminate(true);
        var waiting = new Span("Computing a preview…");
        waiting.addClassName("muted");
        preview.add(bar, waiting);
        UI ui = UI.getCurrent();
        tasks.run(() -> {
            byte[] jpeg;
            String error = null;
            try {
                jpeg = transforms.preview(owner, photo.id(), style.id(), values);
            } catch (InvalidStyleException e) {
                jpeg = null;
                error = e.getMessage();
            } catch (RuntimeException e) {
                jpeg = null;
                error = "No preview: " + e.getMessage();
            }
            byte[] image = jpeg;
            String reason = error;
            UiTasks.push(ui, () -> {
                if (generation != previewGeneration) return;
                preview.removeAll();
                if (image == null) {
                    var p = new Paragraph(reason);
                    p.addClassName("error-text");
                    preview.add(p);
                    return;
                }
                var shown = new Image(DownloadHandler.fromInputStream(event ->
                        new DownloadResponse(new ByteArrayInputStream(image), "preview.jpg", "image/jpeg", image.length)), "Preview of " + style.title());
                shown.setId("style-preview-image");
                preview.add(shown);
            });
        });
    }

    private void start() {
        StyleInfo style = chosen;
        ParamForm params = form;
        if (style == null || params == null) return;
        TransformView started;
        try {
            started = transforms.start(owner, photo.id(), style.id(), params.values());
        } catch (InvalidStyleException e) {
            problem.setText(e.getMessage());
            problem.setVisible(true);
            return;
        }
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
}

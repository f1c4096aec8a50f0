package dev.lightbox.vision.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.billing.service.CreditWords;
import dev.lightbox.billing.service.InsufficientCreditsException;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.jobs.ui.JobUpdates;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.library.ui.PhotoPageSection;
import dev.lightbox.vision.service.DescribeStarted;
import dev.lightbox.vision.service.VisionDescription;
import dev.lightbox.vision.service.VisionService;
import java.util.Optional;
import java.util.UUID;

/**
 * On the photo page: what the remote vision model said of the photo (caption, tags, subjects, setting, mood,
 * aesthetic mark), or "Describe with AI" with its price, live progress while the job runs, and what went wrong
 * (no credits, the provider failed: the credits come back). Hidden when no provider is configured and the photo
 * has no description.
 */
@org.springframework.stereotype.Component
class DescribeSection implements PhotoPageSection {

    private final VisionService vision;
    private final JobEvents events;
    private final UiTasks tasks;

    DescribeSection(VisionService vision, JobEvents events, UiTasks tasks) {
        this.vision = vision;
        this.events = events;
        this.tasks = tasks;
    }

    @Override
    public int order() {
        return 25;
    }

    @Override
    public Component create(UUID owner, PhotoView photo) {
        var holder = new Div();
        holder.setId("photo-vision");
        holder.addClassName("photo-vision");
        show(holder, owner, photo.id(), vision.find(owner, photo.id()), null);
        return holder;
    }

    private void show(Div holder, UUID owner, UUID photoId, Optional<VisionDescription> found, @org.jspecify.annotations.Nullable String problem) {
        holder.removeAll();
        if (found.isEmpty() && !vision.enabled()) {
            holder.setVisible(false);
            return;
        }
        holder.setVisible(true);
        holder.add(new H3("AI description"));
        found.ifPresent(description -> holder.add(describe(description)));
        if (problem != null) {
            var error = new Paragraph(problem);
            error.setId("vision-problem");
            error.addClassName("error-text");
            holder.add(error);
        }
        if (!vision.enabled()) return; // a description made before the provider was turned off is still shown
        if (found.isEmpty() || !found.get().model().equals(vision.model())) {
            long price = vision.price();
            var button = new Button("Describe with AI (" + CreditWords.count(price) + ")", VaadinIcon.MAGIC.create());
            button.setId("vision-describe");
            button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            button.addClickListener(e -> start(holder, owner, photoId, button));
            var sent = new Paragraph("Sends a copy of at most 1024 px, without its metadata, to " + vision.model() + ".");
            sent.addClassNames("muted", "vision-privacy");
            holder.add(button, sent);
        }
    }

    private void start(Div holder, UUID owner, UUID photoId, Button button) {
        button.setEnabled(false);
        DescribeStarted started;
        try {
            Optional<DescribeStarted> queued = vision.describe(owner, photoId);
            if (queued.isEmpty()) {
                show(holder, owner, photoId, Optional.empty(), "This photo is gone.");
                return;
            }
            started = queued.get();
        } catch (InsufficientCreditsException e) {
            show(holder, owner, photoId, Optional.empty(), e.getMessage());
            holder.add(new Anchor("billing", "Get credits"));
            return;
        } catch (IllegalStateException off) {
            show(holder, owner, photoId, Optional.empty(), off.getMessage());
            return;
        }
        var bar = new ProgressBar();
        bar.setId("vision-progress");
        bar.setIndeterminate(true);
        var step = new Span(started.cached() ? "Already described: fetching it" : "Queued");
        step.setId("vision-step");
        step.addClassName("muted");
        holder.add(bar, step);
        UI ui = UI.getCurrent();
        JobUpdates.follow(bar, events, event -> event.id().equals(started.jobId()), event -> {
            if (event.message() != null) step.setText(event.message());
            if (event.progress() > 0) {
                bar.setIndeterminate(false);
                bar.setValue(event.progress());
            }
            if (!event.status().finished()) return;
            boolean ok = event.status() == JobStatus.SUCCEEDED;
            tasks.run(() -> {
                Optional<VisionDescription> now = vision.find(owner, photoId);
                UiTasks.push(ui, () -> show(holder, owner, photoId, now, ok ? null
                        : "The description failed, and its credits were refunded. Try again later."));
            });
        });
    }

    private static Div describe(VisionDescription d) {
        var caption = new Paragraph(d.caption());
        caption.setId("vision-caption");
        caption.addClassName("vision-caption");
        var tags = new Div();
        tags.setId("vision-tags");
        tags.addClassName("vision-tags");
        d.tags().forEach(tag -> {
            var badge = new Span(tag);
            badge.getElement().getThemeList().add("badge contrast");
            tags.add(badge);
        });
        var facts = new Div(
                fact("Subjects", String.join(", ", d.subjects())),
                fact("Setting", d.setting()),
                fact("Mood", d.mood()),
                fact("Aesthetic", d.aesthetic() + " / 10"));
        facts.addClassName("vision-facts");
        var model = new Span("By " + d.model());
        model.addClassName("muted");
        var box = new Div(caption, tags, facts, model);
        box.setId("vision-description");
        return box;
    }

    private static Div fact(String name, String value) {
        var label = new Span(name);
        label.addClassName("muted");
        var row = new Div(label, new Span(value));
        row.addClassName("vision-fact");
        return row;
    }
}

package dev.lightbox.transform.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.library.ui.PhotoPageSection;
import dev.lightbox.transform.service.TransformService;
import dev.lightbox.transform.service.TransformView;
import java.util.List;
import java.util.UUID;

/** On the photo page: Restyle… and this photo's earlier restyles. Needs the original, so sync photos without one get none. */
@org.springframework.stereotype.Component
class RestyleSection implements PhotoPageSection {

    static final int REFERENCE_PHOTOS = 100;

    private final TransformService transforms;
    private final PhotoService photos;
    private final JobEvents events;
    private final UiTasks tasks;

    RestyleSection(TransformService transforms, PhotoService photos, JobEvents events, UiTasks tasks) {
        this.transforms = transforms;
        this.photos = photos;
        this.events = events;
        this.tasks = tasks;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Component create(UUID owner, PhotoView photo) {
        var holder = new Div();
        holder.setId("photo-restyle");
        holder.addClassName("photo-restyle");
        if (!photo.hasOriginal()) {
            holder.setVisible(false);
            return holder;
        }
        var button = new Button("Restyle…", VaadinIcon.MAGIC.create());
        button.setId("restyle-open-dialog");
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        button.addClickListener(click -> {
            button.setEnabled(false);
            UI ui = UI.getCurrent();
            tasks.run(() -> {
                var styles = transforms.styles();
                List<PhotoView> references = photos.timeline(owner, null, REFERENCE_PHOTOS).items().stream()
                        .filter(PhotoView::hasOriginal).toList();
                UiTasks.push(ui, () -> {
                    button.setEnabled(true);
                    new RestyleDialog(transforms, events, tasks, owner, photo, styles, references).open();
                });
            });
        });
        holder.add(new H3("Restyle"), button);
        List<TransformView> earlier = transforms.forPhoto(owner, photo.id(), 6);
        if (!earlier.isEmpty()) {
            var list = new Div();
            list.addClassName("photo-restyle-list");
            earlier.stream().limit(5).forEach(t -> {
                var link = new Anchor("transforms/" + t.id(), t.style() + " · " + t.status().id());
                list.add(link);
            });
            if (earlier.size() > 5) list.add(new Anchor("transforms", "All restyles"));
            holder.add(list);
        }
        return holder;
    }
}

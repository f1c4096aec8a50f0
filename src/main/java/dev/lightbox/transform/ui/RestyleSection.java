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

    static final int EARLIER_SHOWN = 5;

    private final TransformService transforms;
    private final PhotoService photos;
    private final JobEvents events;
    private final UiTasks tasks;
    private final PreviewRunner previews;

    RestyleSection(TransformService transforms, PhotoService photos, JobEvents events, UiTasks tasks, PreviewRunner previews) {
        this.transforms = transforms;
        this.photos = photos;
        this.events = events;
        this.tasks = tasks;
        this.previews = previews;
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
                    new RestyleDialog(transforms, events, tasks, previews, owner, photo, styles, references).open();
                });
            });
        });
        var list = new Div();
        list.addClassName("photo-restyle-list");
        list.setId("photo-restyle-list");
        holder.add(new H3("Restyle"), button, list);
        UI ui = UI.getCurrent();
        tasks.run(() -> { // a database read: off the session lock, shown when it arrives
            List<TransformView> earlier = transforms.forPhoto(owner, photo.id(), EARLIER_SHOWN + 1);
            UiTasks.push(ui, () -> showEarlier(list, earlier));
        });
        return holder;
    }

    private static void showEarlier(Div list, List<TransformView> earlier) {
        earlier.stream().limit(EARLIER_SHOWN).forEach(t -> list.add(new Anchor("transforms/" + t.id(), t.style() + " · " + t.status().id())));
        if (earlier.size() > EARLIER_SHOWN) list.add(new Anchor("transforms", "All restyles"));
    }
}

package dev.lightbox.transform.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.transform.service.TransformService;
import jakarta.annotation.security.PermitAll;
import java.util.Optional;
import java.util.UUID;

/** One restyle on its own page: the live panel (steps, before/after, save, download) and delete. */
@Route("transforms/:id")
@PageTitle("Restyle")
@PermitAll
public class TransformDetailView extends Main implements BeforeEnterObserver {

    private final TransformService transforms;
    private final JobEvents events;
    private final UiTasks tasks;

    public TransformDetailView(TransformService transforms, JobEvents events, UiTasks tasks) {
        this.transforms = transforms;
        this.events = events;
        this.tasks = tasks;
        addClassNames("page", "transform-page");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        UUID owner = CurrentUser.require().id();
        Optional<UUID> id = event.getRouteParameters().get("id").flatMap(TransformDetailView::uuid);
        var found = id.flatMap(value -> transforms.find(owner, value));
        removeAll();
        if (found.isEmpty()) {
            var gone = new Paragraph("No such restyle.");
            gone.setId("transform-missing");
            add(gone, new Anchor("transforms", "All restyles"));
            return;
        }
        var transform = found.get();
        var back = new Anchor("transforms", "All restyles");
        var photo = new Anchor("photos/" + transform.photoId(), "The original photo");
        var delete = new Button("Delete", VaadinIcon.TRASH.create(), click -> {
            var confirm = new ConfirmDialog("Delete this restyle?", "Its result is removed. A copy saved to the library stays.",
                    "Delete", yes -> {
                        UI ui = UI.getCurrent();
                        tasks.run(() -> {
                            transforms.delete(owner, transform.id()); // removes its objects: storage I/O, off the session lock
                            UiTasks.push(ui, () -> ui.navigate("transforms"));
                        });
                    });
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        });
        delete.setId("transform-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        var links = new Div(back, photo, delete);
        links.addClassName("transform-links");
        add(links, new TransformPanel(transforms, events, tasks, owner, transform));
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

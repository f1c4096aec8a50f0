package dev.lightbox.library.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.library.service.PhotoDetails;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.library.service.PhotoService.Neighbors;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.library.service.TrashService;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One photo: its preview, what the file says about it, the original, delete, and its neighbours in time. */
@Route("photos/:id")
@PageTitle("Photo")
@PermitAll
public class PhotoPage extends Main implements BeforeEnterObserver {


    private final PhotoService photos;
    private final TrashService trash;
    private final UiTasks tasks;
    private final List<PhotoDetails> contributions;
    private final List<PhotoPageSection> sections;
    private final UUID owner;

    public PhotoPage(PhotoService photos, TrashService trash, UiTasks tasks, List<PhotoDetails> contributions, List<PhotoPageSection> sections) {
        this.photos = photos;
        this.trash = trash;
        this.tasks = tasks;
        this.contributions = contributions;
        this.sections = sections.stream().sorted(java.util.Comparator.comparingInt(PhotoPageSection::order)).toList();
        this.owner = CurrentUser.require().id();
        setId("photo-page");
        addClassName("photo-page");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        Optional<PhotoView> photo = event.getRouteParameters().get("id").flatMap(PhotoPage::uuid).flatMap(id -> photos.find(owner, id));
        if (photo.isEmpty()) {
            add(new H2("Photo not found"), new Paragraph("It may have been deleted."), new Anchor("", "Back to the timeline"));
            return;
        }
        if (photo.get().trashed()) {
            var note = new Paragraph("This photo is in the trash.");
            note.setId("photo-in-trash");
            add(new H2(photo.get().originalName() != null ? photo.get().originalName() : "Photo"), note, new Anchor("trash", "Open the trash"));
            return;
        }
        show(photo.get(), photos.neighbors(owner, photo.get().id()));
    }

    private void show(PhotoView photo, Neighbors neighbors) {
        var preview = new Image("media/photos/" + photo.id() + "/preview", photo.originalName() != null ? photo.originalName() : "photo");
        preview.setId("photo-preview");
        preview.addClassName("photo-preview");
        var frame = new Div(preview);
        frame.addClassName("photo-frame");
        if (photo.hasOriginal()) {
            for (PhotoDetails contribution : contributions) {
                for (PhotoDetails.Box box : contribution.boxes(owner, photo)) frame.add(overlay(box, photo));
            }
        }
        var stage = new Div(frame);
        stage.addClassName("photo-stage");

        var newer = navButton("Newer", VaadinIcon.ARROW_LEFT, neighbors.newer());
        newer.setId("photo-newer");
        var older = navButton("Older", VaadinIcon.ARROW_RIGHT, neighbors.older());
        older.setId("photo-older");
        var download = new Anchor("media/photos/" + photo.id() + "/original?download=true", "Download original");
        download.setId("photo-download");
        download.getElement().setAttribute("download", true);
        download.setRouterIgnore(true);
        var delete = new Button("Delete", VaadinIcon.TRASH.create(), e -> confirmDelete(photo, neighbors));
        delete.setId("photo-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        download.setVisible(photo.hasOriginal());
        var actions = new HorizontalLayout(newer, older, download, delete);
        actions.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        actions.setWrap(true);

        var list = details(photo);
        for (PhotoDetails contribution : contributions) {
            contribution.lines(owner, photo).forEach((term, value) -> item(list, term, value));
        }
        var aside = new Div();
        aside.setId("photo-aside");
        aside.addClassName("photo-aside");
        sections.stream().filter(PhotoPageSection::beside).forEach(section -> aside.add(section.create(owner, photo)));
        var top = new Div(stage, aside);
        top.addClassName("photo-top");
        add(top, actions);
        if (!photo.hasOriginal()) add(syncedNote());
        add(list);
        sections.stream().filter(section -> !section.beside()).forEach(section -> add(section.create(owner, photo)));
    }

    /** A synced photo has its analysis and scores but no pixels here; uploading the same file adds them. */
    private static Paragraph syncedNote() {
        var note = new Paragraph("This photo was analysed on your computer and synced without its original: you see its "
                + "metadata, attributes and scores, not its pixels. Upload the same file to add the original; its analysis is kept. ");
        var upload = new Anchor("upload", "Upload it");
        note.add(upload);
        note.setId("photo-synced-note");
        note.addClassName("synced-note");
        return note;
    }

    /** A box in the photo's upright pixels, placed in percent so it follows the preview's displayed size. */
    private static Div overlay(PhotoDetails.Box box, PhotoView photo) {
        var overlay = new Div();
        overlay.addClassName("photo-box");
        overlay.getElement().setAttribute("title", box.label());
        overlay.getStyle().set("left", 100.0 * box.x() / photo.width() + "%").set("top", 100.0 * box.y() / photo.height() + "%")
                .set("width", 100.0 * box.width() / photo.width() + "%").set("height", 100.0 * box.height() / photo.height() + "%");
        return overlay;
    }

    private Button navButton(String label, VaadinIcon icon, @Nullable UUID target) {
        var button = new Button(label, icon.create(), e -> getUI().ifPresent(ui -> ui.navigate("photos/" + target)));
        button.setEnabled(target != null);
        return button;
    }

    private static DescriptionList details(PhotoView p) {
        var list = new DescriptionList();
        list.setId("photo-details");
        list.addClassName("photo-details");
        PhotoFacts.detailed(p).forEach((term, value) -> item(list, term, value));
        return list;
    }

    private static void item(DescriptionList list, String term, @Nullable String value) {
        if (value == null || value.isBlank()) return;
        list.add(new DescriptionList.Term(term), new DescriptionList.Description(value));
    }

    private void confirmDelete(PhotoView photo, Neighbors neighbors) {
        var dialog = new ConfirmDialog();
        dialog.setHeader("Delete this photo?");
        int days = photos.trashPolicy().days();
        dialog.setText(days > 0 || photo.hasOriginal() ? TrashNotice.confirmText(1, days)
                : "It is removed from your library, with the analysis your computer sent. This cannot be undone.");
        dialog.setCancelable(true);
        var confirm = new Button("Delete", e -> {
            dialog.close();
            UUID next = neighbors.older() != null ? neighbors.older() : neighbors.newer();
            UI ui = UI.getCurrent();
            // the delete is a database write: off the session lock, then navigate
            tasks.run(() -> {
                int deleted = photos.delete(owner, Set.of(photo.id()));
                UiTasks.push(ui, () -> {
                    ui.navigate(next != null ? "photos/" + next : "");
                    if (deleted > 0) {
                        TrashNotice.show(ui, tasks, trash, owner, List.of(photo.id()), deleted, days > 0, () -> ui.navigate("photos/" + photo.id()));
                    }
                });
            });
        });
        confirm.setId("confirm-photo-delete");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.setConfirmButton(confirm);
        dialog.open();
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}

package dev.lightbox.library.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.base.ui.MainLayout;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.library.service.TrashService;
import dev.lightbox.library.service.TrashService.Trashed;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trash: the photos the owner deleted, newest first, each with when it is deleted forever. Select some to restore
 * them or delete them forever, or empty the whole trash. Every read and change runs off the session lock.
 */
@Route("trash")
@PageTitle("Trash")
@Menu(order = 85, icon = "vaadin:trash", title = "Trash")
@PermitAll
public class TrashView extends Main {

    private static final Logger log = LoggerFactory.getLogger(TrashView.class);
    static final int PAGE = 60;

    private final TrashService trash;
    private final UiTasks tasks;
    private final Clock clock;
    private final UUID owner;
    private final Div grid = new Div();
    private final Paragraph empty = new Paragraph("The trash is empty.");
    private final Span selection = new Span();
    private final Span progress = new Span();
    private final Button restore = new Button("Restore", VaadinIcon.ARROW_BACKWARD.create(), e -> restoreSelected());
    private final Button deleteForever = new Button("Delete forever", VaadinIcon.CLOSE_CIRCLE.create(), e -> confirmDeleteSelected());
    private final Button emptyTrash = new Button("Empty trash", VaadinIcon.TRASH.create(), e -> confirmEmpty());
    private final Button more = new Button("Show more", e -> loadMore());
    private final Set<UUID> selected = new LinkedHashSet<>();
    private final Map<UUID, Div> tiles = new LinkedHashMap<>();
    private @Nullable String nextCursor;

    public TrashView(TrashService trash, PhotoService photos, UiTasks tasks, Clock clock) {
        this.trash = trash;
        this.tasks = tasks;
        this.clock = clock;
        this.owner = CurrentUser.require().id();
        setId("trash-view");
        addClassNames("page", "trash-page");

        int days = photos.trashPolicy().days();
        var intro = new Paragraph(days > 0
                ? "Photos you delete wait here for " + days + (days == 1 ? " day" : " days") + ", then they are deleted forever."
                : "Deleted photos are deleted at once on this server (the trash is off).");
        intro.setId("trash-intro");
        intro.addClassName("muted");
        selection.setId("trash-selection");
        progress.setId("trash-progress");
        progress.addClassName("muted");
        restore.setId("trash-restore");
        restore.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        deleteForever.setId("trash-delete");
        deleteForever.addThemeVariants(ButtonVariant.LUMO_ERROR);
        emptyTrash.setId("trash-empty");
        emptyTrash.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        var toolbar = new Div(selection, restore, deleteForever, emptyTrash, progress);
        toolbar.addClassName("trash-toolbar");
        grid.setId("trash-grid");
        grid.addClassName("trash-grid");
        empty.setId("trash-empty-state");
        empty.addClassName("empty-state");
        empty.setVisible(false);
        more.setId("trash-more");
        more.setVisible(false);
        add(intro, toolbar, empty, grid, more);
        updateSelection();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        reload();
    }

    /** The first page again, read off the session lock. */
    private void reload() {
        UI ui = UI.getCurrent();
        progress.setText("Loading…");
        tasks.run(() -> {
            TrashService.Page first = trash.page(owner, null, PAGE);
            UiTasks.push(ui, () -> {
                progress.setText("");
                grid.removeAll();
                tiles.clear();
                selected.clear();
                show(first);
            });
        });
    }

    private void loadMore() {
        String cursor = nextCursor;
        if (cursor == null) return;
        more.setEnabled(false);
        UI ui = UI.getCurrent();
        tasks.run(() -> {
            TrashService.Page page = trash.page(owner, cursor, PAGE);
            UiTasks.push(ui, () -> {
                more.setEnabled(true);
                show(page);
            });
        });
    }

    private void show(TrashService.Page page) {
        page.items().forEach(item -> grid.add(item(item)));
        nextCursor = page.nextCursor();
        more.setVisible(nextCursor != null);
        empty.setVisible(tiles.isEmpty());
        emptyTrash.setEnabled(!tiles.isEmpty());
        updateSelection();
    }

    private Div item(Trashed trashed) {
        var photo = trashed.photo();
        UUID id = photo.id();
        var image = new Image("media/photos/" + id + "/thumbnail", photo.originalName() != null ? photo.originalName() : "photo");
        image.getElement().setAttribute("loading", "lazy");
        var tile = new Div(image);
        tile.addClassName("tile");
        tile.getElement().setAttribute("data-photo-id", id.toString());
        tile.addClickListener(e -> {
            if (selected.remove(id)) tile.removeClassName("selected");
            else {
                selected.add(id);
                tile.addClassName("selected");
            }
            updateSelection();
        });
        tiles.put(id, tile);
        var expiry = new Span(expiry(trashed));
        expiry.addClassName("trash-expiry");
        expiry.getElement().setAttribute("title", "Deleted forever on "
                + DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault()).format(trashed.expiresAt()));
        var item = new Div(tile, expiry);
        item.addClassName("trash-item");
        return item;
    }

    /** Whole days left, rounded up ("30 days left" just after a delete), "1 day left" in the last day. */
    private String expiry(Trashed trashed) {
        long seconds = Duration.between(clock.instant(), trashed.expiresAt()).toSeconds();
        long days = Math.max(1, (seconds + 86_399) / 86_400);
        return days == 1 ? "1 day left" : days + " days left";
    }

    private void updateSelection() {
        selection.setText(selected.isEmpty() ? "Select photos to restore them" : selected.size() + " selected");
        restore.setEnabled(!selected.isEmpty());
        deleteForever.setEnabled(!selected.isEmpty());
    }

    private void restoreSelected() {
        List<UUID> ids = List.copyOf(selected);
        if (ids.isEmpty()) return;
        run("Restoring…", count -> count == 1 ? "1 photo restored" : count + " photos restored", ids, service -> {
            int restored = 0;
            for (UUID id : ids) restored += service.restore(owner, id).isPresent() ? 1 : 0;
            return restored;
        });
    }

    private void confirmDeleteSelected() {
        List<UUID> ids = List.copyOf(selected);
        if (ids.isEmpty()) return;
        confirm("Delete " + ids.size() + (ids.size() == 1 ? " photo forever?" : " photos forever?"),
                "They are removed with their originals. This cannot be undone.", "confirm-trash-delete", () ->
                        run("Deleting…", count -> count == 1 ? "1 photo deleted forever" : count + " photos deleted forever", ids, service -> {
                            int deleted = 0;
                            for (UUID id : ids) deleted += service.deleteForever(owner, id) ? 1 : 0;
                            return deleted;
                        }));
    }

    private void confirmEmpty() {
        confirm("Empty the trash?", "Every photo in the trash is deleted forever, with its original. This cannot be undone.",
                "confirm-empty-trash", () -> run("Emptying the trash…", count -> count == 1 ? "1 photo deleted forever" : count + " photos deleted forever",
                        new ArrayList<>(tiles.keySet()), service -> service.empty(owner)));
    }

    private void confirm(String header, String text, String confirmId, Runnable action) {
        var dialog = new ConfirmDialog();
        dialog.setHeader(header);
        dialog.setText(text);
        dialog.setCancelable(true);
        var confirm = new Button("Delete forever", e -> {
            dialog.close();
            action.run();
        });
        confirm.setId(confirmId);
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.setConfirmButton(confirm);
        dialog.open();
    }

    /** Runs a change of the trash off the session lock, showing that it runs, then the page again and what it did. */
    private void run(String running, java.util.function.IntFunction<String> done, List<UUID> ids, ToIntFunction<TrashService> change) {
        UI ui = UI.getCurrent();
        progress.setText(running);
        restore.setEnabled(false);
        deleteForever.setEnabled(false);
        emptyTrash.setEnabled(false);
        tasks.run(() -> {
            try {
                int count = change.applyAsInt(trash);
                UiTasks.push(ui, () -> {
                    reload();
                    MainLayout.refreshBadges(ui);
                    Notification.show(done.apply(count), 4000, Notification.Position.BOTTOM_START);
                });
            } catch (RuntimeException failure) {
                log.error("Changing {} photo(s) of the trash failed", ids.size(), failure);
                UiTasks.push(ui, () -> {
                    progress.setText("");
                    updateSelection();
                    emptyTrash.setEnabled(!tiles.isEmpty());
                    Notification.show("That did not work: try again.", 6000, Notification.Position.BOTTOM_START)
                            .addThemeVariants(NotificationVariant.LUMO_ERROR);
                });
            }
        });
    }
}

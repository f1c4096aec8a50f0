package dev.lightbox.scoring.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.component.UI;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.library.service.TrashService;
import dev.lightbox.library.service.PhotoQuery;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.library.ui.PhotoViewer;
import dev.lightbox.library.ui.TrashNotice;
import dev.lightbox.scoring.service.ScoringConfigService;
import jakarta.annotation.security.PermitAll;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The top N photos under the active config, and a cull list of the bottom N: pick the ones to let go
 * and delete them in one go.
 */
@Route("best")
@PageTitle("Best of")
@Menu(order = 5, icon = "vaadin:star", title = "Best of")
@PermitAll
public class BestOfView extends Main {

    static final int DEFAULT_COUNT = 24;
    static final int MAX_COUNT = 200;

    private final PhotoService photos;
    private final TrashService trash;
    private final UiTasks tasks;
    private final ScoringConfigService configs;
    private final UUID owner;
    private final IntegerField count = new IntegerField("How many");
    private final Paragraph summary = new Paragraph();
    private final Div best = PhotoTiles.grid("best-grid");
    private final Div cull = PhotoTiles.grid("cull-grid");
    private final Set<UUID> marked = new LinkedHashSet<>();
    private final Button deleteMarked = new Button("Delete marked", e -> confirmDelete());

    private final java.util.List<PhotoViewer> viewers;

    public BestOfView(PhotoService photos, TrashService trash, UiTasks tasks, ScoringConfigService configs, java.util.List<PhotoViewer> viewers) {
        this.photos = photos;
        this.trash = trash;
        this.tasks = tasks;
        this.viewers = viewers;
        this.configs = configs;
        this.owner = CurrentUser.require().id();
        setId("best-view");
        addClassName("timeline");

        count.setId("best-count");
        count.setMin(1);
        count.setMax(MAX_COUNT);
        count.setStepButtonsVisible(true);
        count.setValue(DEFAULT_COUNT);
        count.setWidth("9em");
        count.addValueChangeListener(e -> refresh());
        summary.setId("best-summary");
        summary.addClassName("muted");
        deleteMarked.setId("cull-delete");
        deleteMarked.addThemeVariants(ButtonVariant.LUMO_ERROR);
        var cullBar = new HorizontalLayout(new H3("Cull list"), deleteMarked);
        cullBar.setAlignItems(FlexComponent.Alignment.BASELINE);
        cull.addClassName("selecting");
        add(new H2("Best of"), new HorizontalLayout(count), summary, new H3("Best"), best, cullBar,
                new Paragraph("Your lowest-scoring photos, weakest first. Click to mark the ones to let go."), cull);
        refresh();
    }

    private void refresh() {
        int n = Math.clamp(count.getValue() == null ? DEFAULT_COUNT : count.getValue(), 1, MAX_COUNT);
        best.removeAll();
        cull.removeAll();
        marked.clear();
        updateMarked();
        PhotoService.Page top = photos.list(owner, new PhotoQuery(PhotoQuery.Sort.BEST, null, null, null), null, n);
        if (top.items().isEmpty()) {
            summary.removeAll();
            summary.add("No scored photos yet: scores appear once photos are analysed. ");
            summary.add(new Anchor("upload", "Upload photos"));
            return;
        }
        summary.setText("Scored with “" + configs.active(owner).name() + "”. Change it on the Scoring page.");
        top.items().forEach(p -> best.add(viewers.isEmpty() ? PhotoTiles.tile(java.util.Objects.requireNonNull(top.ranks().get(p.id())))
                : PhotoTiles.tile(java.util.Objects.requireNonNull(top.ranks().get(p.id())),
                        tile -> viewers.getFirst().open(this, PhotoViewer.Sequence.of(top.items()), p.id(), changed -> { }))));
        var topIds = top.ranks().keySet();
        PhotoService.Page bottom = photos.list(owner, new PhotoQuery(PhotoQuery.Sort.WORST, null, null, null), null, n);
        bottom.items().stream().filter(p -> !topIds.contains(p.id())).forEach(p -> cull.add(PhotoTiles.tile(java.util.Objects.requireNonNull(bottom.ranks().get(p.id())), tile -> {
            if (marked.remove(p.id())) tile.removeClassName("selected");
            else {
                marked.add(p.id());
                tile.addClassName("selected");
            }
            updateMarked();
        })));
    }

    private void updateMarked() {
        deleteMarked.setEnabled(!marked.isEmpty());
        deleteMarked.setText(marked.isEmpty() ? "Delete marked" : "Delete " + marked.size() + " marked");
    }

    private void confirmDelete() {
        if (marked.isEmpty()) return;
        var dialog = new ConfirmDialog();
        dialog.setHeader("Delete " + marked.size() + (marked.size() == 1 ? " photo?" : " photos?"));
        dialog.setText(TrashNotice.confirmText(marked.size(), photos.trashPolicy().days()));
        dialog.setCancelable(true);
        var confirm = new Button("Delete", e -> {
            List<UUID> ids = List.copyOf(marked);
            dialog.close();
            UI ui = UI.getCurrent();
            // the delete is a database write: off the session lock, then the page again
            tasks.run(() -> {
                int deleted = photos.delete(owner, ids);
                UiTasks.push(ui, () -> {
                    refresh();
                    TrashNotice.show(ui, tasks, trash, owner, ids, deleted, photos.trashPolicy().trashes(), this::refresh);
                });
            });
        });
        confirm.setId("confirm-cull");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.setConfirmButton(confirm);
        dialog.open();
    }
}

package dev.lightbox.library.ui;

import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.jobs.ui.JobUpdates;
import dev.lightbox.library.service.PhotoLabels;
import dev.lightbox.library.service.PhotoQuery;
import dev.lightbox.library.service.PhotoRanking;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.library.service.PhotoService.Page;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.library.service.RenditionsJob;
import jakarta.annotation.security.PermitAll;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library, newest first, grouped by day. Pages of thumbnails load as the end of the list scrolls
 * into view (keyset pages: the hundredth page costs what the first does); "Jump to" restarts the list
 * at a month; "Select" picks photos to delete. The list can also be ordered by score (one grid, no days)
 * and filtered by a minimum score or by passing/failing the active config's thresholds.
 */
@Route("")
@PageTitle("Timeline")
@Menu(order = 0, icon = "vaadin:picture", title = "Timeline")
@PermitAll
public class TimelineView extends Main {

    /** A screenful and a bit: the first page is what the first paint waits for. */
    static final int FIRST_PAGE_SIZE = 48;
    static final int PAGE_SIZE = 120;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL);

    private static final int DELETE_BATCH = 20;
    private static final Logger log = LoggerFactory.getLogger(TimelineView.class);

    private final PhotoService photos;
    private final UiTasks tasks;
    private final Span deleteProgress = new Span();
    private final UUID owner;
    private final Div days = new Div();
    private final Div sentinel = new Div();
    private final Span countLabel = new Span();
    private final Span selectionLabel = new Span();
    private final HorizontalLayout selectionBar;
    private final Set<UUID> selected = new LinkedHashSet<>();
    private final java.util.Map<UUID, Div> tiles = new java.util.HashMap<>();
    private @Nullable String nextCursor;
    private @Nullable LocalDate lastDay;
    private @Nullable Div lastGrid;
    private boolean selecting;
    private boolean exhausted;
    private PhotoQuery query = PhotoQuery.NEWEST;
    private final Select<PhotoQuery.Sort> sort = new Select<>();
    private final IntegerField minScore = new IntegerField();
    private final Select<String> passed = new Select<>();
    private final Select<String> label = new Select<>();
    private final java.util.List<PhotoLabels> labelSources;
    private @Nullable Component jump;

    public TimelineView(PhotoService photos, JobEvents jobEvents, java.util.List<PhotoLabels> labelSources, UiTasks tasks) {
        this.photos = photos;
        this.tasks = tasks;
        this.labelSources = labelSources;
        this.owner = CurrentUser.require().id();
        setId("timeline-view");
        addClassName("timeline");

        var select = new Button("Select", VaadinIcon.CHECK_SQUARE_O.create(), e -> setSelecting(!selecting));
        select.setId("select-mode");
        var delete = new Button("Delete", VaadinIcon.TRASH.create(), e -> confirmDelete());
        delete.setId("delete-selected");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        selectionLabel.setId("selection-count");
        var addLabel = new Button("Add label…", VaadinIcon.TAG.create(), e -> askLabel());
        addLabel.setId("label-selected");
        addLabel.setVisible(!labelSources.isEmpty());
        selectionBar = new HorizontalLayout(selectionLabel, addLabel, delete);
        deleteProgress.setId("delete-progress");
        deleteProgress.setVisible(false);
        selectionBar.setAlignItems(FlexComponent.Alignment.CENTER);
        selectionBar.setVisible(false);
        countLabel.setId("photo-count");
        countLabel.addClassName("muted");

        jump = jumpControls();
        var toolbar = new HorizontalLayout(countLabel, jump, scoreControls(), select, selectionBar, deleteProgress);
        toolbar.addClassName("timeline-toolbar");
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.setWrap(true);

        days.setId("timeline-days");
        sentinel.setId("timeline-sentinel");
        sentinel.addClassName("timeline-sentinel");
        add(toolbar, days, sentinel);
        start(photos.timeline(owner, null, FIRST_PAGE_SIZE));
        // load the next page whenever the end of the list comes within a screen of view
        // a tile whose thumbnail is still being made shows "Processing…" until its image loads
        days.getElement().executeJs("""
                this.addEventListener('error', e => { if (e.target.tagName === 'IMG') e.target.parentElement.classList.add('pending'); }, true);
                this.addEventListener('load', e => { if (e.target.tagName === 'IMG') e.target.parentElement.classList.remove('pending'); }, true);
                """);
        JobUpdates.follow(this, jobEvents,
                event -> RenditionsJob.TYPE.is(event.type()) && event.status() == JobStatus.SUCCEEDED && event.subjectId() != null,
                event -> { if (event.subjectId() != null) refreshThumbnail(event.subjectId()); });
        sentinel.getElement().executeJs("""
                const sentinel = this;
                sentinel.__observer = new IntersectionObserver(entries => {
                  if (entries.some(e => e.isIntersecting)) sentinel.closest('#timeline-view').$server.loadMore();
                }, {rootMargin: '100% 0px'});
                sentinel.__observer.observe(sentinel);
                """);
    }

    private Component jumpControls() {
        var month = new Select<Month>();
        month.setId("jump-month");
        month.setItems(Month.values());
        month.setItemLabelGenerator(m -> m.getDisplayName(TextStyle.FULL, Locale.getDefault()));
        month.setValue(LocalDate.now().getMonth());
        month.setWidth("9em");
        var year = new IntegerField();
        year.setId("jump-year");
        year.setValue(LocalDate.now().getYear());
        year.setMin(1826);
        year.setMax(9999);
        year.setWidth("6em");
        var go = new Button("Jump", e -> {
            if (year.getValue() == null || month.getValue() == null) return;
            LocalDateTime endOfMonth = LocalDate.of(year.getValue(), month.getValue(), 1).plusMonths(1).atStartOfDay();
            start(photos.timelineBefore(owner, endOfMonth, FIRST_PAGE_SIZE));
        });
        go.setId("jump-go");
        var newest = new Button("Newest", e -> start(photos.list(owner, query, null, FIRST_PAGE_SIZE)));
        newest.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        var controls = new HorizontalLayout(new Span("Jump to"), month, year, go, newest);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        controls.setSpacing(true);
        controls.setWrap(true);
        controls.addClassName("jump-controls");
        return controls;
    }

    /** Order by score and filter by score or by the active config's thresholds (scores come from the scoring module). */
    private Component scoreControls() {
        sort.setId("timeline-sort");
        sort.setItems(PhotoQuery.Sort.values());
        sort.setItemLabelGenerator(s -> switch (s) {
            case NEWEST -> "Newest first";
            case BEST -> "Best score first";
            case WORST -> "Lowest score first";
        });
        sort.setValue(PhotoQuery.Sort.NEWEST);
        sort.setWidth("12em");
        sort.setAriaLabel("Sort");
        minScore.setId("timeline-min-score");
        minScore.setPlaceholder("Min score");
        minScore.setMin(0);
        minScore.setMax(100);
        minScore.setClearButtonVisible(true);
        minScore.setWidth("8em");
        minScore.setAriaLabel("Minimum score");
        passed.setId("timeline-passed");
        passed.setItems("Any", "Passing", "Failing");
        passed.setValue("Any");
        passed.setWidth("8em");
        passed.setAriaLabel("Thresholds");
        label.setId("timeline-label");
        label.setAriaLabel("Label");
        label.setWidth("10em");
        label.setVisible(!labelSources.isEmpty());
        refreshLabels();
        sort.addValueChangeListener(e -> requery());
        minScore.addValueChangeListener(e -> requery());
        passed.addValueChangeListener(e -> requery());
        label.addValueChangeListener(e -> {
            if (e.isFromClient()) requery();
        });
        var controls = new HorizontalLayout(sort, minScore, passed, label);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        controls.setWrap(true);
        controls.addClassName("timeline-filters");
        return controls;
    }

    private void requery() {
        Integer min = minScore.getValue();
        if (min != null && (min < 0 || min > 100)) return;
        Boolean pass = switch (passed.getValue() == null ? "Any" : passed.getValue()) {
            case "Passing" -> Boolean.TRUE;
            case "Failing" -> Boolean.FALSE;
            default -> null;
        };
        String chosen = label.getValue() == null || label.getValue().equals(ANY_LABEL) ? null : label.getValue();
        boolean predictedChoice = chosen != null && chosen.startsWith(PREDICTED);
        query = new PhotoQuery(sort.getValue() == null ? PhotoQuery.Sort.NEWEST : sort.getValue(), min == null ? null : min.doubleValue(), null, pass,
                predictedChoice ? null : chosen, predictedChoice && chosen != null ? chosen.substring(PREDICTED.length()) : null);
        if (chosen != null && !query.isPlainTimeline() && (query.byScore() || query.scoreFiltered())) {
            Notification.show("A label filter shows the newest first and cannot be combined with score sorting or filters.", 5000,
                    Notification.Position.BOTTOM_START);
            sort.setValue(PhotoQuery.Sort.NEWEST);
            minScore.clear();
            passed.setValue("Any");
            return;
        }
        if (jump != null) jump.setVisible(query.isPlainTimeline());
        start(photos.list(owner, query, null, FIRST_PAGE_SIZE));
    }

    private static final String ANY_LABEL = "Any label";
    private static final String PREDICTED = "predicted: ";

    private void refreshLabels() {
        if (labelSources.isEmpty()) return;
        String current = label.getValue();
        var items = new java.util.ArrayList<String>();
        items.add(ANY_LABEL);
        labelSources.getFirst().labels(owner).forEach(l -> items.add(l.label()));
        labelSources.getFirst().predictedLabels(owner).forEach(l -> items.add(PREDICTED + l.label()));
        label.setItems(items);
        label.setValue(current != null && items.contains(current) ? current : ANY_LABEL);
    }

    private void askLabel() {
        if (selected.isEmpty() || labelSources.isEmpty()) return;
        var dialog = new com.vaadin.flow.component.dialog.Dialog();
        dialog.setHeaderTitle("Label " + selected.size() + (selected.size() == 1 ? " photo" : " photos"));
        var name = new com.vaadin.flow.component.textfield.TextField("Label");
        name.setId("bulk-label-name");
        name.setWidthFull();
        var problem = new Paragraph();
        problem.addClassName("error-text");
        var apply = new Button("Add label", e -> {
            try {
                int added = labelSources.getFirst().addLabel(owner, Set.copyOf(selected), name.getValue());
                dialog.close();
                setSelecting(false);
                refreshLabels();
                Notification.show("Labelled " + added + (added == 1 ? " photo." : " photos."), 4000, Notification.Position.BOTTOM_START);
            } catch (IllegalArgumentException ex) {
                problem.setText(ex.getMessage());
            }
        });
        apply.setId("bulk-label-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(name, problem);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), apply);
        dialog.open();
        name.focus();
    }

    private void start(Page first) {
        days.removeAll();
        tiles.clear();
        selected.clear();
        updateSelection();
        lastDay = null;
        lastGrid = null;
        exhausted = false;
        long total = photos.count(owner);
        countLabel.setText(total == 1 ? "1 photo" : total + " photos");
        if (total == 0 || (first.items().isEmpty() && !query.isPlainTimeline())) {
            days.add(total == 0 ? emptyState() : new Paragraph("No photos match: scores appear once photos are analysed."));
            exhausted = true;
            sentinel.setText("");
            return;
        }
        append(first);
    }

    private Component emptyState() {
        var empty = new Div(new H2("No photos yet"),
                new Paragraph("Your timeline fills up as you add photos."),
                new Anchor("upload", "Upload your first photos"));
        empty.setId("timeline-empty");
        empty.addClassName("empty-state");
        return empty;
    }

    private void append(Page page) {
        for (PhotoView photo : page.items()) {
            LocalDate day = photo.takenAt().toLocalDate();
            if (query.byScore()) {
                if (lastGrid == null) {
                    lastGrid = new Div();
                    lastGrid.addClassName("day-grid");
                    days.add(lastGrid);
                }
            } else if (!day.equals(lastDay)) {
                lastDay = day;
                var header = new H3(DAY.format(day));
                header.addClassName("day-header");
                lastGrid = new Div();
                lastGrid.addClassName("day-grid");
                var section = new Div(header, lastGrid);
                section.addClassName("day");
                section.getElement().setAttribute("data-day", day.toString());
                days.add(section);
            }
            Div tile = tile(photo);
            PhotoRanking.Ranked rank = page.ranks().get(photo.id());
            if (rank != null) {
                var badge = new Span(String.format(Locale.ROOT, "%.1f", rank.score()));
                badge.addClassName("score-badge");
                if (!rank.passed()) badge.addClassName("failed");
                tile.add(badge);
                tile.getElement().setAttribute("data-score", String.format(Locale.ROOT, "%.1f", rank.score()));
            }
            if (lastGrid != null) lastGrid.add(tile);
        }
        nextCursor = page.nextCursor();
        exhausted = nextCursor == null;
        sentinel.setText(exhausted ? "That's everything." : "Loading…");
        // The observer reports changes only: observing anew reports the current state, so a sentinel
        // still in range after this page asks for the next one.
        if (!exhausted) sentinel.getElement().executeJs("if (this.__observer) { this.__observer.unobserve(this); this.__observer.observe(this); }");
    }

    private Div tile(PhotoView photo) {
        var image = new Image("media/photos/" + photo.id() + "/thumbnail", photo.originalName() != null ? photo.originalName() : "photo");
        image.getElement().setAttribute("loading", "lazy");
        image.getElement().setAttribute("width", Integer.toString(photo.width()));
        image.getElement().setAttribute("height", Integer.toString(photo.height()));
        var tile = new Div(image);
        tile.addClassName("tile");
        tile.getElement().setAttribute("data-photo-id", photo.id().toString());
        tile.addClickListener(e -> {
            if (selecting) toggle(photo.id(), tile);
            else getUI().ifPresent(ui -> ui.navigate("photos/" + photo.id()));
        });
        tiles.put(photo.id(), tile);
        return tile;
    }

    /** The renditions job finished: load the thumbnail the tile could not show yet. */
    private void refreshThumbnail(UUID photoId) {
        Div tile = tiles.get(photoId);
        if (tile == null) return;
        tile.getChildren().filter(Image.class::isInstance).map(Image.class::cast).findFirst()
                .ifPresent(image -> image.setSrc("media/photos/" + photoId + "/thumbnail?ready=" + System.nanoTime()));
    }

    @ClientCallable
    void loadMore() {
        if (exhausted || nextCursor == null) return;
        append(photos.list(owner, query, nextCursor, PAGE_SIZE));
    }

    private void setSelecting(boolean on) {
        selecting = on;
        days.getElement().getClassList().set("selecting", on);
        if (!on) {
            selected.forEach(id -> {
                var tile = tiles.get(id);
                if (tile != null) tile.removeClassName("selected");
            });
            selected.clear();
        }
        updateSelection();
    }

    private void toggle(UUID id, Div tile) {
        if (selected.remove(id)) tile.removeClassName("selected");
        else {
            selected.add(id);
            tile.addClassName("selected");
        }
        updateSelection();
    }

    private void updateSelection() {
        selectionBar.setVisible(selecting);
        selectionLabel.setText(selected.size() + " selected");
    }

    private void confirmDelete() {
        if (selected.isEmpty()) return;
        var dialog = new ConfirmDialog();
        dialog.setHeader("Delete " + selected.size() + (selected.size() == 1 ? " photo?" : " photos?"));
        dialog.setText("They are removed from your library, with their originals. This cannot be undone.");
        dialog.setCancelable(true);
        var confirm = new Button("Delete", e -> {
            dialog.close();
            deleteInBackground(List.copyOf(selected));
        });
        confirm.setId("confirm-delete");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.setConfirmButton(confirm);
        dialog.open();
    }

    /** Deletes in batches on a background thread, off the session lock, showing how far it got. */
    private void deleteInBackground(List<UUID> ids) {
        setSelecting(false);
        UI ui = UI.getCurrent();
        PhotoQuery shown = query;
        int total = ids.size();
        deleteProgress.setText("Deleting 0 of " + total + "…");
        deleteProgress.setVisible(true);
        tasks.run(() -> {
            int done = 0;
            int deleted = 0;
            try {
                for (int from = 0; from < total; from += DELETE_BATCH) {
                    List<UUID> batch = ids.subList(from, Math.min(total, from + DELETE_BATCH));
                    deleted += photos.delete(owner, batch);
                    done += batch.size();
                    String progress = "Deleting " + done + " of " + total + "…";
                    UiTasks.push(ui, () -> deleteProgress.setText(progress));
                }
                String message = deleted == 1 ? "1 photo deleted." : deleted + " photos deleted.";
                Page first = photos.list(owner, shown, null, FIRST_PAGE_SIZE);
                UiTasks.push(ui, () -> {
                    deleteProgress.setVisible(false);
                    start(first);
                    Notification.show(message, 4000, Notification.Position.BOTTOM_START);
                });
            } catch (RuntimeException failure) {
                log.error("Deleting {} selected photos stopped after {}", total, deleted, failure);
                String message = "Deleting stopped after " + deleted + " of " + total + " photos: the server could not delete the rest. Try again.";
                UiTasks.push(ui, () -> {
                    deleteProgress.setVisible(false);
                    Notification.show(message, 8000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_ERROR);
                });
            }
        });
    }
}

package dev.lightbox.library.ui;

import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dependency.StyleSheet;
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
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.library.service.TrashService;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.jobs.ui.JobUpdates;
import dev.lightbox.library.service.PhotoFlag;
import dev.lightbox.library.service.PhotoGroups;
import dev.lightbox.library.service.PhotoLabels;
import dev.lightbox.library.service.PhotoQuery;
import dev.lightbox.library.service.PhotoRanking;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.library.service.PhotoService.Page;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.library.service.RenditionsJob;
import jakarta.annotation.security.PermitAll;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library, newest first, grouped by day. Pages of thumbnails load as the end of the list scrolls
 * into view (keyset pages: the hundredth page costs what the first does); "Jump to" restarts the list
 * at a month; "Select" picks photos to delete. The list can also be ordered by score (one grid, no days)
 * and filtered by a minimum score or by passing/failing the active config's thresholds. What it shows lives
 * in the URL ({@link TimelineState}); a click on a photo opens the full-screen viewer over the list.
 */
@Route("")
@PageTitle("Timeline")
@Menu(order = 0, icon = "vaadin:picture", title = "Timeline")
@PermitAll
@StyleSheet("viewer.css")
public class TimelineView extends Main implements BeforeEnterObserver {

    /** A screenful and a bit: the first page is what the first paint waits for. */
    static final int FIRST_PAGE_SIZE = 48;
    static final int PAGE_SIZE = 120;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL);

    private static final int DELETE_BATCH = 20;
    private static final Logger log = LoggerFactory.getLogger(TimelineView.class);

    private final PhotoService photos;
    private final UiTasks tasks;
    private final TrashService trash;
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
    private final Select<Month> jumpMonth = new Select<>();
    private final IntegerField jumpYear = new IntegerField();
    private final Checkbox collapse = new Checkbox("Collapse groups");
    private final Select<String> flagFilter = new Select<>();
    private final TextField search = new TextField();
    private final Button deleteRejected = new Button("Delete rejected", VaadinIcon.TRASH.create(), e -> confirmDeleteRejected());
    private final List<PhotoViewer> viewers;
    private final List<PhotoGroups> groupSources;
    private TimelineState state = TimelineState.DEFAULT;
    /** Everything listed so far, in order (collapsed groups included): what the viewer moves through. */
    private final List<PhotoView> listed = new ArrayList<>();
    private final Set<String> shownGroups = new HashSet<>();

    public TimelineView(PhotoService photos, TrashService trash, JobEvents jobEvents, java.util.List<PhotoLabels> labelSources, UiTasks tasks,
                        List<PhotoViewer> viewers, List<PhotoGroups> groupSources, List<SelectionAction> selectionActions) {
        this.photos = photos;
        this.trash = trash;
        this.tasks = tasks;
        this.labelSources = labelSources;
        this.viewers = viewers;
        this.groupSources = groupSources;
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
        selectionBar = new HorizontalLayout(selectionLabel, addLabel);
        selectionActions.stream().filter(action -> action.available(owner)).forEach(action -> selectionBar.add(actionButton(action)));
        selectionBar.add(delete);
        deleteProgress.setId("delete-progress");
        deleteProgress.setVisible(false);
        selectionBar.setAlignItems(FlexComponent.Alignment.CENTER);
        selectionBar.setVisible(false);
        countLabel.setId("photo-count");
        countLabel.addClassName("muted");

        jump = jumpControls();
        deleteRejected.setId("delete-rejected");
        deleteRejected.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        var toolbar = new HorizontalLayout(countLabel, jump, scoreControls(), select, deleteRejected, selectionBar, deleteProgress);
        toolbar.addClassName("timeline-toolbar");
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.setWrap(true);

        days.setId("timeline-days");
        sentinel.setId("timeline-sentinel");
        sentinel.addClassName("timeline-sentinel");
        add(toolbar, days, sentinel);
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

    /** The URL says what to show: on first entry, reload, Back/Forward, or a change made here (which navigates). */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        state = TimelineState.from(event.getLocation().getQueryParameters());
        query = state.query();
        sort.setValue(query.sort());
        minScore.setValue(query.minScore() == null ? null : (int) Math.round(query.minScore()));
        passed.setValue(query.passed() == null ? "Any" : query.passed() ? "Passing" : "Failing");
        String chosen = query.label() != null ? query.label() : query.predictedLabel() != null ? PREDICTED + query.predictedLabel() : ANY_LABEL;
        refreshLabels(chosen);
        collapse.setValue(state.collapse());
        flagFilter.setValue(flagLabel(query.flag()));
        search.setValue(query.q() == null ? "" : query.q());
        YearMonth before = state.before();
        if (before != null) {
            jumpMonth.setValue(before.getMonth());
            jumpYear.setValue(before.getYear());
        }
        if (jump != null) jump.setVisible(query.isPlainTimeline());
        start(before != null ? photos.timelineBefore(owner, before.plusMonths(1).atDay(1).atStartOfDay(), FIRST_PAGE_SIZE)
                : photos.list(owner, query, null, FIRST_PAGE_SIZE));
    }

    private void show(TimelineState next) {
        getUI().ifPresent(ui -> ui.navigate(TimelineView.class, next.toParameters()));
    }

    private Component jumpControls() {
        var month = jumpMonth;
        month.setId("jump-month");
        month.setItems(Month.values());
        month.setItemLabelGenerator(m -> m.getDisplayName(TextStyle.FULL, Locale.getDefault()));
        month.setValue(LocalDate.now().getMonth());
        month.setWidth("9em");
        var year = jumpYear;
        year.setId("jump-year");
        year.setValue(LocalDate.now().getYear());
        year.setMin(1826);
        year.setMax(9999);
        year.setWidth("6em");
        var go = new Button("Jump", e -> {
            if (year.getValue() == null || month.getValue() == null) return;
            if (year.getValue() < 1826 || year.getValue() > 9999) return;
            show(state.withBefore(YearMonth.of(year.getValue(), month.getValue())));
        });
        go.setId("jump-go");
        var newest = new Button("Newest", e -> show(state.withBefore(null)));
        newest.setId("jump-newest");
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
        flagFilter.setId("timeline-flag");
        flagFilter.setAriaLabel("Flag");
        flagFilter.setItems(ANY_FLAG, "Picked", "Rejected", "Unflagged");
        flagFilter.setValue(ANY_FLAG);
        flagFilter.setWidth("9em");
        flagFilter.addValueChangeListener(e -> {
            if (e.isFromClient()) requery(false);
        });
        search.setId("timeline-search");
        search.setPlaceholder("Search captions, tags, labels");
        search.setAriaLabel("Search");
        search.setClearButtonVisible(true);
        search.setMaxLength(PhotoQuery.MAX_Q);
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setWidth("16em");
        search.setValueChangeMode(ValueChangeMode.ON_CHANGE);
        search.addValueChangeListener(e -> {
            if (e.isFromClient()) requery(false);
        });
        collapse.setId("timeline-collapse");
        collapse.setVisible(!groupSources.isEmpty());
        sort.addValueChangeListener(e -> {
            if (e.isFromClient()) requery(false);
        });
        minScore.addValueChangeListener(e -> {
            if (e.isFromClient()) requery(false);
        });
        passed.addValueChangeListener(e -> {
            if (e.isFromClient()) requery(false);
        });
        label.addValueChangeListener(e -> {
            if (e.isFromClient()) requery(true);
        });
        collapse.addValueChangeListener(e -> {
            if (e.isFromClient()) show(state.withCollapse(e.getValue()));
        });
        var controls = new HorizontalLayout(search, sort, minScore, passed, label, flagFilter, collapse);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        controls.setWrap(true);
        controls.addClassName("timeline-filters");
        return controls;
    }

    /** A control changed: the URL changes, and the list with it (see beforeEnter); the label wins a conflict when it changed. */
    private void requery(boolean labelChanged) {
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
                predictedChoice ? null : chosen, predictedChoice && chosen != null ? chosen.substring(PREDICTED.length()) : null, flagOf(flagFilter.getValue()));
        PhotoQuery wanted = query;
        if (chosen != null && (wanted.byScore() || wanted.scoreFiltered())) {
            Notification.show("A label filter shows the newest first and cannot be combined with score sorting or filters.", 5000,
                    Notification.Position.BOTTOM_START);
            wanted = labelChanged ? new PhotoQuery(PhotoQuery.Sort.NEWEST, null, null, null, wanted.label(), wanted.predictedLabel(), wanted.flag())
                    : new PhotoQuery(wanted.sort(), wanted.minScore(), null, wanted.passed(), null, null, wanted.flag());
        }
        String words = search.getValue().replaceAll("\\p{Cntrl}", " ").strip(); // a pasted tab or newline
        show(state.withQuery(wanted.withSearch(words.isEmpty() || words.length() > PhotoQuery.MAX_Q ? null : words)));
    }

    private static final String ANY_LABEL = "Any label";
    private static final String ANY_FLAG = "Any flag";

    private static @Nullable PhotoFlag flagOf(@Nullable String choice) {
        return switch (choice == null ? ANY_FLAG : choice) {
            case "Picked" -> PhotoFlag.PICKED;
            case "Rejected" -> PhotoFlag.REJECTED;
            case "Unflagged" -> PhotoFlag.NONE;
            default -> null;
        };
    }

    private static String flagLabel(@Nullable PhotoFlag flag) {
        return flag == null ? ANY_FLAG : switch (flag) {
            case PICKED -> "Picked";
            case REJECTED -> "Rejected";
            case NONE -> "Unflagged";
        };
    }
    private static final String PREDICTED = "predicted: ";

    private void refreshLabels() {
        refreshLabels(label.getValue());
    }

    private void refreshLabels(@Nullable String current) {
        if (labelSources.isEmpty()) return;
        var items = new java.util.ArrayList<String>();
        items.add(ANY_LABEL);
        labelSources.getFirst().labels(owner).forEach(l -> items.add(l.label()));
        labelSources.getFirst().predictedLabels(owner).forEach(l -> items.add(PREDICTED + l.label()));
        if (current != null && !items.contains(current)) items.add(current); // a shared link's label this library no longer has
        label.setItems(items);
        label.setValue(current != null ? current : ANY_LABEL);
    }

    /** Another module's action on the selection, run off the session lock; its sentence comes back as a notification. */
    private Button actionButton(SelectionAction action) {
        var button = new Button(action.label(), action.icon().create());
        button.setId(action.id());
        button.addClickListener(e -> {
            if (selected.isEmpty()) return;
            Set<UUID> chosen = Set.copyOf(selected);
            button.setEnabled(false);
            UI ui = UI.getCurrent();
            tasks.run(() -> {
                String outcome;
                try {
                    outcome = action.apply(owner, chosen);
                } catch (RuntimeException failure) {
                    outcome = failure.getMessage() == null ? "That did not work: try again." : failure.getMessage();
                }
                String message = outcome;
                UiTasks.push(ui, () -> {
                    button.setEnabled(true);
                    setSelecting(false);
                    Notification.show(message, 6000, Notification.Position.BOTTOM_START);
                });
            });
        });
        return button;
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

    /** The photos an Undo brought back from the trash: the first page again, loaded off the session lock. */
    private void reloadAfterUndo() {
        UI ui = UI.getCurrent();
        PhotoQuery shown = query;
        tasks.run(() -> {
            Page first = photos.list(owner, shown, null, FIRST_PAGE_SIZE);
            UiTasks.push(ui, () -> start(first));
        });
    }

    private void start(Page first) {
        days.removeAll();
        tiles.clear();
        listed.clear();
        shownGroups.clear();
        selected.clear();
        updateSelection();
        lastDay = null;
        lastGrid = null;
        exhausted = false;
        long total = photos.count(owner);
        long rejected = photos.countFlagged(owner, PhotoFlag.REJECTED);
        deleteRejected.setVisible(rejected > 0);
        deleteRejected.setText("Delete " + rejected + " rejected");
        var matching = query.isPlainTimeline() ? java.util.OptionalLong.empty() : photos.count(owner, query);
        countLabel.setText(matching.isPresent() ? matching.getAsLong() + " of " + total + (total == 1 ? " photo" : " photos")
                : total == 1 ? "1 photo" : total + " photos");
        if (total == 0 || (first.items().isEmpty() && !query.isPlainTimeline())) {
            days.add(total == 0 ? emptyState() : new Paragraph(query.searched()
                    ? "No photo's caption, tags or labels contain \"" + query.q() + "\"."
                    : "No photos match: scores appear once photos are analysed."));
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
        listed.addAll(page.items());
        Map<UUID, PhotoGroups.Membership> groups = state.collapse() && !groupSources.isEmpty()
                ? groupSources.getFirst().memberships(owner, page.items().stream().map(PhotoView::id).toList()) : Map.of();
        for (PhotoView photo : page.items()) {
            PhotoGroups.Membership group = groups.get(photo.id());
            if (group != null && !shownGroups.add(group.groupId())) continue; // one tile per group: its first in this order
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
            showFlag(tile, photo.flag());
            if (group != null) {
                var badge = new Span(Integer.toString(group.size()));
                badge.addClassName("group-badge");
                badge.getElement().setAttribute("title", group.size() + " similar photos (" + group.kind() + ")");
                tile.add(badge);
                tile.getElement().setAttribute("data-group-size", Integer.toString(group.size()));
            }
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
        if (!photo.hasOriginal()) markSynced(tile);
        tile.addClickListener(e -> {
            if (selecting) toggle(photo.id(), tile);
            else if (!viewers.isEmpty()) openViewer(photo.id());
            else getUI().ifPresent(ui -> ui.navigate("photos/" + photo.id()));
        });
        tiles.put(photo.id(), tile);
        return tile;
    }

    /** A photo analysed on the owner's computer: its tile is a placeholder, said so in words too. */
    private static void markSynced(Div tile) {
        tile.addClassName("synced");
        tile.getElement().setAttribute("data-source", "sync");
        var badge = new Span("Synced");
        badge.addClassName("sync-badge");
        badge.getElement().setAttribute("title", "Analysed on your computer: the original is not on the server");
        tile.add(badge);
    }

    /** The viewer moves through the list as loaded so far and pages on with the same query, cursor and service. */
    private void openViewer(UUID start) {
        PhotoQuery shown = query;
        YearMonth before = state.before();
        var sequence = new PhotoViewer.Sequence(List.copyOf(listed), nextCursor, cursor -> photos.list(owner, before != null ? PhotoQuery.NEWEST : shown, cursor, PAGE_SIZE));
        viewers.getFirst().open(this, sequence, start, this::refreshTiles);
    }

    /** Photos whose rating or flag changed in the viewer: their flag badges, and how many are rejected. */
    private void refreshTiles(Set<UUID> changed) {
        for (UUID id : changed) {
            Div tile = tiles.get(id);
            if (tile != null) photos.find(owner, id).ifPresent(photo -> showFlag(tile, photo.flag()));
        }
        long rejected = photos.countFlagged(owner, PhotoFlag.REJECTED);
        deleteRejected.setVisible(rejected > 0);
        deleteRejected.setText("Delete " + rejected + " rejected");
    }

    private static void showFlag(Div tile, PhotoFlag flag) {
        tile.getChildren().filter(c -> c.hasClassName("flag-badge")).toList().forEach(tile::remove);
        tile.getElement().setAttribute("data-flag", flag.parameter());
        if (flag == PhotoFlag.NONE) return;
        var badge = new Span(flag == PhotoFlag.PICKED ? "Picked" : "Rejected");
        badge.addClassNames("flag-badge", flag.parameter());
        tile.add(badge);
    }

    /** Deletes every rejected photo (not just those loaded), after asking once, through the same path as "Delete". */
    private void confirmDeleteRejected() {
        var ids = new ArrayList<UUID>();
        PhotoQuery rejected = PhotoQuery.NEWEST.withFlag(PhotoFlag.REJECTED);
        String cursor = null;
        do {
            Page page = photos.list(owner, rejected, cursor, PhotoService.MAX_PAGE);
            page.items().forEach(p -> ids.add(p.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        if (ids.isEmpty()) return;
        var dialog = new ConfirmDialog();
        dialog.setHeader("Delete " + ids.size() + (ids.size() == 1 ? " rejected photo?" : " rejected photos?"));
        dialog.setText(photos.trashPolicy().trashes() ? "Every photo you flagged as rejected moves to the trash, where you can restore it for "
                + photos.trashPolicy().days() + " days."
                : "Every photo you flagged as rejected is removed from your library, with its original. This cannot be undone.");
        dialog.setCancelable(true);
        var confirm = new Button("Delete", e -> {
            dialog.close();
            deleteInBackground(List.copyOf(ids));
        });
        confirm.setId("confirm-delete-rejected");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.setConfirmButton(confirm);
        dialog.open();
    }

    /** The renditions job finished: load the thumbnail the tile could not show yet (a synced photo has just gained its original). */
    private void refreshThumbnail(UUID photoId) {
        Div tile = tiles.get(photoId);
        if (tile == null) return;
        if (tile.hasClassName("synced") && photos.find(owner, photoId).filter(PhotoView::hasOriginal).isPresent()) {
            tile.removeClassName("synced");
            tile.getElement().removeAttribute("data-source");
            tile.getChildren().filter(c -> c.hasClassName("sync-badge")).toList().forEach(tile::remove);
        }
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
        dialog.setText(TrashNotice.confirmText(selected.size(), photos.trashPolicy().days()));
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
                int count = deleted;
                Page first = photos.list(owner, shown, null, FIRST_PAGE_SIZE);
                UiTasks.push(ui, () -> {
                    deleteProgress.setVisible(false);
                    start(first);
                    TrashNotice.show(ui, tasks, trash, owner, ids, count, photos.trashPolicy().trashes(), this::reloadAfterUndo);
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

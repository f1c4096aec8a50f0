package dev.lightbox.culling.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.culling.domain.GroupKind;
import dev.lightbox.culling.service.GroupService;
import dev.lightbox.culling.service.PhotoGroup;
import dev.lightbox.library.service.PhotoFlag;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.library.ui.PhotoViewer;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Walks the user's groups (bursts, then near-duplicates) one at a time: up to four photos side by side
 * at one zoom with synchronised pan (wheel or +/− to zoom, drag to pan, 0 to fit), the suggested keeper
 * marked and selected. Keys: 1–4 select, Enter keeps the selected one and rejects the rest of the group
 * (then the next group), ←/→ previous and next group, V (or a double click) opens the group in the
 * full-screen viewer, whose own keys then apply until it closes.
 */
@Route("review")
@PageTitle("Review")
@Menu(order = 6, icon = "vaadin:split-h", title = "Review")
@StyleSheet("review.css")
@PermitAll
public class ReviewView extends Main {

    static final int SIDE_BY_SIDE = 4;

    private final GroupService groups;
    private final PhotoService photos;
    private final List<PhotoViewer> viewers;
    private boolean viewing;
    private final UUID owner;
    private final List<PhotoGroup> walk = new ArrayList<>();
    private final Span progress = new Span();
    private final Div compare = new Div();
    private final Paragraph note = new Paragraph();
    private final Button previous = new Button("Previous", VaadinIcon.ARROW_LEFT.create(), e -> move(-1));
    private final Button keep = new Button("Keep selected, reject the rest", VaadinIcon.CHECK.create(), e -> keepSelected());
    private final Button next = new Button("Next", VaadinIcon.ARROW_RIGHT.create(), e -> move(1));
    private int index;
    private int selected;
    private List<UUID> shown = List.of();

    public ReviewView(GroupService groups, PhotoService photos, List<PhotoViewer> viewers) {
        this.groups = groups;
        this.photos = photos;
        this.viewers = viewers;
        this.owner = CurrentUser.require().id();
        setId("review-view");
        addClassName("review");
        progress.setId("review-progress");
        progress.addClassName("review-progress");
        compare.setId("review-compare");
        compare.addClassName("review-compare");
        note.addClassName("muted");
        note.setId("review-note");
        previous.setId("review-previous");
        next.setId("review-next");
        next.setIconAfterText(true);
        keep.setId("review-keep");
        keep.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var zoomOut = new Button("−", e -> zoom("out"));
        var fit = new Button("Fit", e -> zoom("fit"));
        var zoomIn = new Button("+", e -> zoom("in"));
        zoomOut.setId("review-zoom-out");
        fit.setId("review-zoom-fit");
        zoomIn.setId("review-zoom-in");
        zoomOut.setAriaLabel("Zoom out");
        zoomIn.setAriaLabel("Zoom in");
        var fullScreen = new Button("Full screen", VaadinIcon.EXPAND_SQUARE.create(), e -> openViewer());
        fullScreen.setId("review-full-screen");
        fullScreen.setVisible(!viewers.isEmpty());
        var bar = new Div(progress, previous, keep, next, new Span(zoomOut, fit, zoomIn), fullScreen);
        bar.addClassName("review-bar");
        var keys = new Paragraph("Keys: 1–4 select · Enter keep it and reject the rest · ← → previous / next group · + − 0 zoom · drag to pan"
                + " · V full screen");
        keys.addClassName("review-keys");
        add(bar, compare, note, keys);

        walk.addAll(groups.all(owner, GroupKind.BURST));
        walk.addAll(groups.all(owner, GroupKind.SIMILAR));
        shortcuts();
        compare.getElement().executeJs(SYNC_ZOOM_AND_PAN);
        show(0);
    }

    private void shortcuts() {
        onKey(() -> move(-1), Key.ARROW_LEFT);
        onKey(() -> move(1), Key.ARROW_RIGHT);
        onKey(this::keepSelected, Key.ENTER);
        Key[] digits = {Key.DIGIT_1, Key.DIGIT_2, Key.DIGIT_3, Key.DIGIT_4};
        for (int i = 0; i < digits.length; i++) {
            int choice = i;
            onKey(() -> select(choice), digits[i]);
        }
        onKey(() -> zoom("in"), Key.of("+"));
        onKey(() -> zoom("in"), Key.of("+"), KeyModifier.SHIFT);
        onKey(() -> zoom("in"), Key.of("="));
        onKey(() -> zoom("out"), Key.of("-"));
        onKey(() -> zoom("fit"), Key.DIGIT_0);
        onKey(this::openViewer, Key.KEY_V);
    }

    /** A page key, ignored while the full-screen viewer is open (its own keys apply then). */
    private void onKey(Runnable action, Key key, KeyModifier... modifiers) {
        Shortcuts.addShortcutListener(this, () -> {
            if (!viewing) action.run();
        }, key, modifiers);
    }

    /** The whole group in the full-screen viewer, from the selected photo; flags set there show when it closes. */
    private void openViewer() {
        if (walk.isEmpty() || viewers.isEmpty() || selected >= shown.size()) return;
        List<PhotoView> members = walk.get(index).photoIds().stream().map(id -> photos.find(owner, id)).flatMap(Optional::stream).toList();
        if (members.isEmpty()) return;
        viewing = true;
        viewers.getFirst().open(this, PhotoViewer.Sequence.of(members), shown.get(selected), changed -> {
            viewing = false;
            show(index);
        });
    }

    private void show(int at) {
        compare.removeAll();
        if (walk.isEmpty()) {
            progress.setText("0 of 0 groups");
            note.removeAll();
            note.add("No bursts or near-duplicates yet: groups appear once your photos are analysed. ");
            note.add(new Anchor("upload", "Upload photos"));
            previous.setEnabled(false);
            next.setEnabled(false);
            keep.setEnabled(false);
            return;
        }
        index = Math.clamp(at, 0, walk.size() - 1);
        PhotoGroup group = walk.get(index);
        progress.setText((index + 1) + " of " + walk.size() + " groups");
        previous.setEnabled(index > 0);
        next.setEnabled(index < walk.size() - 1);
        keep.setEnabled(true);
        shown = shownMembers(group);
        selected = Math.max(0, shown.indexOf(group.suggested()));
        compare.getElement().setAttribute("data-count", Integer.toString(shown.size()));
        for (int i = 0; i < shown.size(); i++) compare.add(panel(group, shown.get(i), i));
        note.setText((group.kind().equals("burst") ? "Burst" : "Near-duplicates") + " of " + group.photoIds().size() + " photos"
                + (group.photoIds().size() > shown.size() ? ", showing " + shown.size() + " with the suggestion" : "") + ".");
        markSelected();
        compare.getElement().executeJs("this.lightboxResetPan && this.lightboxResetPan()");
    }

    /** The members side by side: the first four in capture order, the suggestion always among them. */
    static List<UUID> shownMembers(PhotoGroup group) {
        var members = new ArrayList<>(group.photoIds().subList(0, Math.min(SIDE_BY_SIDE, group.photoIds().size())));
        if (!members.contains(group.suggested())) members.set(SIDE_BY_SIDE - 1, group.suggested());
        return members;
    }

    private Div panel(PhotoGroup group, UUID photoId, int position) {
        var image = new Image("media/photos/" + photoId + "/preview", "photo " + (position + 1));
        image.addClassName("review-image");
        image.getElement().setAttribute("draggable", "false");
        var viewport = new Div(image);
        viewport.addClassName("review-viewport");
        var number = new Span(Integer.toString(position + 1));
        number.addClassName("review-number");
        var panel = new Div(viewport, number);
        panel.addClassName("review-panel");
        panel.getElement().setAttribute("data-photo-id", photoId.toString());
        if (photoId.equals(group.suggested())) {
            var badge = new Span("Suggested");
            badge.addClassName("review-suggested");
            panel.add(badge);
            panel.addClassName("suggested");
        }
        photos.find(owner, photoId).map(p -> p.flag()).filter(f -> f != PhotoFlag.NONE).ifPresent(flag -> {
            var mark = new Span(flag == PhotoFlag.PICKED ? "Picked" : "Rejected");
            mark.addClassNames("review-flag", flag.parameter());
            panel.add(mark);
            panel.getElement().setAttribute("data-flag", flag.parameter());
        });
        panel.addClickListener(e -> {
            select(position);
            if (e.getClickCount() == 2) openViewer();
        });
        return panel;
    }

    private void select(int position) {
        if (position >= shown.size()) return;
        selected = position;
        markSelected();
    }

    private void markSelected() {
        compare.getChildren().forEach(c -> c.getElement().getClassList().remove("selected"));
        compare.getChildren().skip(selected).findFirst().ifPresent(c -> c.getElement().getClassList().add("selected"));
    }

    private void move(int step) {
        if (walk.isEmpty()) return;
        int target = index + step;
        if (target < 0 || target >= walk.size()) return;
        show(target);
    }

    /** Picks the selected photo and rejects every other member of the group, then moves on. */
    private void keepSelected() {
        if (walk.isEmpty() || selected >= shown.size()) return;
        PhotoGroup group = walk.get(index);
        UUID keeper = shown.get(selected);
        photos.setFlag(owner, keeper, PhotoFlag.PICKED);
        group.photoIds().stream().filter(id -> !id.equals(keeper)).forEach(id -> photos.setFlag(owner, id, PhotoFlag.REJECTED));
        show(index < walk.size() - 1 ? index + 1 : index);
    }

    private void zoom(String how) {
        compare.getElement().executeJs("this.lightboxZoom && this.lightboxZoom($0)", how);
    }

    /** One zoom and one pan for every image of the group: dragging any of them moves all. */
    private static final String SYNC_ZOOM_AND_PAN = """
            const root = this;
            const state = {zoom: 1, x: 0, y: 0};
            const apply = () => {
              root.dataset.zoom = state.zoom.toFixed(2);
              root.querySelectorAll('.review-image').forEach(image =>
                image.style.transform = `translate(${state.x}px, ${state.y}px) scale(${state.zoom})`);
            };
            const limit = () => {
              const viewport = root.querySelector('.review-viewport');
              if (!viewport) return;
              const maxX = viewport.clientWidth * (state.zoom - 1) / 2, maxY = viewport.clientHeight * (state.zoom - 1) / 2;
              state.x = Math.max(-maxX, Math.min(maxX, state.x));
              state.y = Math.max(-maxY, Math.min(maxY, state.y));
            };
            root.lightboxZoom = how => {
              state.zoom = how === 'fit' ? 1 : Math.max(1, Math.min(8, state.zoom * (how === 'in' ? 1.5 : 1 / 1.5)));
              limit();
              apply();
            };
            root.lightboxResetPan = () => { state.x = 0; state.y = 0; limit(); apply(); };
            let drag = null;
            root.addEventListener('pointerdown', e => {
              if (!e.target.closest('.review-viewport')) return;
              drag = {x: e.clientX, y: e.clientY};
              root.setPointerCapture(e.pointerId);
            });
            root.addEventListener('pointermove', e => {
              if (!drag) return;
              state.x += e.clientX - drag.x;
              state.y += e.clientY - drag.y;
              drag = {x: e.clientX, y: e.clientY};
              limit();
              apply();
            });
            const stop = () => drag = null;
            root.addEventListener('pointerup', stop);
            root.addEventListener('pointercancel', stop);
            root.addEventListener('wheel', e => {
              if (!e.target.closest('.review-viewport')) return;
              e.preventDefault();
              root.lightboxZoom(e.deltaY < 0 ? 'in' : 'out');
            }, {passive: false});
            apply();
            """;
}

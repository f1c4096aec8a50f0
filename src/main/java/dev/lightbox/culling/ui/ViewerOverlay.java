package dev.lightbox.culling.ui;

import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.HasComponents;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Span;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.library.service.PhotoDetails;
import dev.lightbox.library.service.PhotoFlag;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.library.ui.PhotoFacts;
import dev.lightbox.library.ui.PhotoViewer;
import dev.lightbox.training.service.RatingService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The full-screen viewer over the page that opened it (so closing it leaves that page where it was). The
 * browser holds the list's preview URLs and moves through them itself, preloading the neighbours: a key
 * never waits for the server to show the next photo. Ratings, flags and the info panel go to the server
 * in the background; the next page of the list is asked for well before the end is reached.
 */
@StyleSheet("viewer.css")
class ViewerOverlay extends Div {

    record Services(PhotoService photos, RatingService ratings, List<PhotoDetails> details, JsonMapper json) {
    }

    /** What the browser needs to show a photo without asking: ids and URLs, its name and current flag. */
    record Item(String id, String preview, String zoom, String name, String flag) {
    }

    private static final Logger log = LoggerFactory.getLogger(ViewerOverlay.class);

    private final HasComponents host;
    private final Services services;
    private final PhotoViewer.Sequence sequence;
    private final Consumer<Set<UUID>> changed;
    private final UUID owner;
    private final Map<UUID, PhotoView> known = new HashMap<>();
    private final Set<UUID> touched = new LinkedHashSet<>();
    private final Div info = new Div();
    private @Nullable String cursor;

    ViewerOverlay(HasComponents host, Services services, PhotoViewer.Sequence sequence, UUID start, Consumer<Set<UUID>> changed) {
        this.host = host;
        this.services = services;
        this.sequence = sequence;
        this.changed = changed;
        this.owner = CurrentUser.require().id();
        this.cursor = sequence.nextCursor();
        setId("photo-viewer");
        addClassName("photo-viewer");
        getElement().setAttribute("role", "dialog");
        getElement().setAttribute("aria-label", "Photo viewer");
        getElement().setAttribute("tabindex", "-1");

        var image = new Image();
        image.addClassName("viewer-image");
        image.setAlt("photo");
        image.getElement().setAttribute("draggable", "false");
        var stage = new Div(image);
        stage.addClassName("viewer-stage");
        var counter = new Span();
        counter.addClassName("viewer-counter");
        var rating = new Span();
        rating.addClassName("viewer-rating");
        rating.setId("viewer-rating");
        var flag = new Span();
        flag.addClassName("viewer-flag");
        flag.setId("viewer-flag");
        var name = new Span();
        name.addClassName("viewer-name");
        var close = button("viewer-close", "✕", "Close (Esc)");
        var details = new com.vaadin.flow.component.html.Anchor("", "Details");
        details.setId("viewer-page");
        details.addClassName("viewer-link");
        var bar = new Div(counter, name, rating, flag, button("viewer-info-toggle", "i", "Info (I)"), button("viewer-zoom", "1:1", "Zoom 100% (Space)"), details, close);
        bar.addClassName("viewer-bar");
        info.setId("viewer-info");
        info.addClassName("viewer-info");
        add(stage, button("viewer-prev", "‹", "Previous (←)"), button("viewer-next", "›", "Next (→)"), bar, info);

        List<PhotoView> loaded = sequence.loaded();
        int index = 0;
        for (int i = 0; i < loaded.size(); i++) if (loaded.get(i).id().equals(start)) index = i;
        getElement().executeJs(SCRIPT, items(loaded), index, cursor != null);
    }

    private static NativeButton button(String id, String text, String title) {
        var button = new NativeButton(text);
        button.setId(id);
        button.addClassName("viewer-button");
        button.getElement().setAttribute("title", title);
        button.getElement().setAttribute("aria-label", title);
        return button;
    }

    private String items(List<PhotoView> photos) {
        var items = new ArrayList<Item>();
        for (PhotoView photo : photos) {
            known.put(photo.id(), photo);
            String base = "media/photos/" + photo.id();
            // 100% zoom shows the original's pixels (the browser falls back to the preview where it cannot decode one, e.g. TIFF)
            // a synced photo has no original: its zoom is the placeholder preview too
            String zoom = photo.hasOriginal() ? base + "/original" : base + "/preview";
            items.add(new Item(photo.id().toString(), base + "/preview", zoom, photo.originalName() == null ? "" : photo.originalName(), flagOf(photo)));
        }
        return services.json().writeValueAsString(items);
    }

    private static String flagOf(PhotoView photo) {
        return photo.flag().name();
    }

    /** The browser nears the end of what it holds: send the list's next page. */
    @ClientCallable
    void more() {
        String next = cursor;
        if (next == null) {
            getElement().executeJs("this.__viewer.append('[]', false)");
            return;
        }
        PhotoService.Page page = sequence.more().apply(next);
        cursor = page.nextCursor();
        getElement().executeJs("this.__viewer.append($0, $1)", items(page.items()), cursor != null);
    }

    /** A photo is on screen: tell the browser its rating, and fill the info panel if it is open. */
    @ClientCallable
    void shown(String id, boolean infoOpen) {
        Optional<PhotoView> photo = photo(id);
        if (photo.isEmpty()) return;
        int stars = services.ratings().ratingOf(owner, photo.get().id()).orElse(0);
        getElement().executeJs("this.__viewer.rated($0, $1)", id, stars);
        if (infoOpen) fillInfo(photo.get());
    }

    /** {@code stars} 1–5 rates, 0 clears. */
    @ClientCallable
    void rate(String id, int stars) {
        Optional<PhotoView> photo = photo(id);
        if (photo.isEmpty() || stars < 0 || stars > 5) return;
        try {
            services.ratings().rate(owner, photo.get().id(), stars == 0 ? null : stars);
            touched.add(photo.get().id());
        } catch (RuntimeException failure) {
            log.warn("Rating photo {} failed", id, failure);
            getElement().executeJs("this.__viewer.failed($0)", "The rating was not saved. Try again.");
        }
    }

    /** {@code flag}: PICKED, REJECTED or NONE. */
    @ClientCallable
    void flag(String id, String flag) {
        Optional<PhotoView> photo = photo(id);
        Optional<PhotoFlag> chosen = java.util.Arrays.stream(PhotoFlag.values()).filter(f -> f.name().equals(flag)).findFirst();
        if (photo.isEmpty() || chosen.isEmpty()) return;
        try {
            services.photos().setFlag(owner, photo.get().id(), chosen.get());
            touched.add(photo.get().id());
        } catch (RuntimeException failure) {
            log.warn("Flagging photo {} failed", id, failure);
            getElement().executeJs("this.__viewer.failed($0)", "The flag was not saved. Try again.");
        }
    }

    @ClientCallable
    void close() {
        host.remove(this);
        changed.accept(Set.copyOf(touched));
    }

    private Optional<PhotoView> photo(String id) {
        try {
            UUID photoId = UUID.fromString(id);
            return known.containsKey(photoId) ? services.photos().find(owner, photoId) : Optional.empty();
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    private void fillInfo(PhotoView photo) {
        info.removeAll();
        var list = new com.vaadin.flow.component.html.DescriptionList();
        for (var line : PhotoFacts.lines(photo).entrySet()) item(list, line.getKey(), line.getValue());
        item(list, "Rating", services.ratings().ratingOf(owner, photo.id()).map(stars -> stars + " of 5").orElse("not rated"));
        item(list, "Flag", switch (photo.flag()) {
            case PICKED -> "picked";
            case REJECTED -> "rejected";
            case NONE -> "none";
        });
        for (PhotoDetails contribution : services.details()) contribution.info(owner, photo).forEach((term, value) -> item(list, term, value));
        info.add(list);
        info.getElement().setAttribute("data-photo-id", photo.id().toString());
    }

    private static void item(com.vaadin.flow.component.html.DescriptionList list, String term, @Nullable String value) {
        if (value == null || value.isBlank()) return;
        list.add(new com.vaadin.flow.component.html.DescriptionList.Term(term), new com.vaadin.flow.component.html.DescriptionList.Description(value));
    }

    private static final String SCRIPT = """
            const root = this;
            // where the page under the viewer was scrolled, put back on close whatever happened meanwhile
            const scrolled = [[document.scrollingElement, document.scrollingElement.scrollTop, document.scrollingElement.scrollLeft]];
            for (let e = root.parentElement; e; e = e.parentElement) if (e.scrollTop || e.scrollLeft) scrolled.push([e, e.scrollTop, e.scrollLeft]);
            const items = JSON.parse($0);
            let index = $1, hasMore = $2, loading = false, zoomed = false, infoOpen = false;
            const img = root.querySelector('.viewer-image');
            const stage = root.querySelector('.viewer-stage');
            const counter = root.querySelector('.viewer-counter');
            const name = root.querySelector('.viewer-name');
            const rating = root.querySelector('.viewer-rating');
            const flag = root.querySelector('.viewer-flag');
            const ratings = new Map();
            const cache = new Map();
            const preload = i => {
              if (i < 0 || i >= items.length || cache.has(items[i].id)) return;
              const pre = new Image();
              pre.decoding = 'async';
              pre.src = items[i].preview;
              cache.set(items[i].id, pre);
              if (cache.size > 12) cache.delete(cache.keys().next().value);
            };
            const stars = n => n > 0 ? '★'.repeat(n) + '☆'.repeat(5 - n) : '';
            const label = f => f === 'PICKED' ? 'Picked' : f === 'REJECTED' ? 'Rejected' : '';
            const decorate = () => {
              const it = items[index];
              rating.textContent = stars(ratings.get(it.id) || 0);
              root.dataset.rating = ratings.get(it.id) || 0;
              flag.textContent = label(it.flag);
              flag.dataset.flag = it.flag;
              root.dataset.flag = it.flag;
            };
            const show = () => {
              const it = items[index];
              setZoom(false);
              img.dataset.photoId = it.id;
              img.src = it.preview;
              img.alt = it.name || 'photo';
              root.dataset.photoId = it.id;
              root.dataset.index = index;
              counter.textContent = (index + 1) + ' of ' + items.length + (hasMore ? '+' : '');
              name.textContent = it.name;
              root.querySelector('#viewer-page').setAttribute('href', 'photos/' + it.id);
              decorate();
              [1, -1, 2, 3].forEach(d => preload(index + d));
              if (hasMore && !loading && index >= items.length - 10) { loading = true; root.$server.more(); }
              root.$server.shown(it.id, infoOpen);
            };
            const move = d => {
              const next = index + d;
              if (next < 0 || next >= items.length) return;
              index = next;
              show();
            };
            const setZoom = on => {
              zoomed = on;
              root.classList.toggle('zoomed', on);
              root.dataset.zoom = on ? '100' : 'fit';
              const it = items[index];
              if (on) {
                const keep = { x: 0.5, y: 0.5 };
                img.src = it.zoom;
                const centre = () => { stage.scrollLeft = (stage.scrollWidth - stage.clientWidth) * keep.x; stage.scrollTop = (stage.scrollHeight - stage.clientHeight) * keep.y; };
                if (img.complete) centre(); else img.addEventListener('load', centre, { once: true });
              } else if (img.dataset.photoId === it.id && !img.src.endsWith(it.preview)) {
                img.src = it.preview;
              }
            };
            const rate = n => {
              const it = items[index];
              ratings.set(it.id, n);
              decorate();
              root.$server.rate(it.id, n);
            };
            const setFlag = f => {
              const it = items[index];
              it.flag = f;
              decorate();
              root.$server.flag(it.id, f);
            };
            const toggleInfo = () => {
              infoOpen = !infoOpen;
              root.classList.toggle('info-open', infoOpen);
              if (infoOpen) root.$server.shown(items[index].id, true);
            };
            const close = () => {
              document.removeEventListener('keydown', onKey, true);
              root.style.display = 'none';
              scrolled.forEach(([e, top, left]) => { e.scrollTop = top; e.scrollLeft = left; });
              root.$server.close();
            };
            const onKey = e => {
              if (!root.isConnected) { document.removeEventListener('keydown', onKey, true); return; }
              if (e.ctrlKey || e.metaKey || e.altKey) return;
              const t = e.composedPath()[0];
              if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA')) return;
              const k = e.key;
              if (k === 'ArrowRight') move(1);
              else if (k === 'ArrowLeft') move(-1);
              else if (k === ' ') setZoom(!zoomed);
              else if (k >= '0' && k <= '5' && k.length === 1) rate(Number(k));
              else if (k === 'p' || k === 'P') setFlag('PICKED');
              else if (k === 'x' || k === 'X') setFlag('REJECTED');
              else if (k === 'u' || k === 'U') setFlag('NONE');
              else if (k === 'i' || k === 'I') toggleInfo();
              else if (k === 'Escape') close();
              else return;
              e.preventDefault();
              e.stopPropagation();
            };
            document.addEventListener('keydown', onKey, true);
            root.querySelector('#viewer-prev').addEventListener('click', () => move(-1));
            root.querySelector('#viewer-next').addEventListener('click', () => move(1));
            root.querySelector('#viewer-close').addEventListener('click', close);
            root.querySelector('#viewer-zoom').addEventListener('click', () => setZoom(!zoomed));
            root.querySelector('#viewer-info-toggle').addEventListener('click', toggleInfo);
            img.addEventListener('load', () => { root.dataset.shown = img.dataset.photoId; });
            img.addEventListener('error', () => { if (zoomed && !img.src.endsWith(items[index].preview)) img.src = items[index].preview; });
            // drag to pan at 100%
            let drag = null;
            stage.addEventListener('pointerdown', e => {
              if (!zoomed) return;
              drag = { x: e.clientX, y: e.clientY, left: stage.scrollLeft, top: stage.scrollTop };
              stage.setPointerCapture(e.pointerId);
            });
            stage.addEventListener('pointermove', e => {
              if (!drag) return;
              stage.scrollLeft = drag.left - (e.clientX - drag.x);
              stage.scrollTop = drag.top - (e.clientY - drag.y);
            });
            stage.addEventListener('pointerup', () => { drag = null; });
            // swipe on a phone
            let touch = null;
            stage.addEventListener('touchstart', e => { if (!zoomed && e.touches.length === 1) touch = e.touches[0].clientX; }, { passive: true });
            stage.addEventListener('touchend', e => {
              if (touch === null) return;
              const dx = e.changedTouches[0].clientX - touch;
              touch = null;
              if (Math.abs(dx) > 50) move(dx < 0 ? 1 : -1);
            }, { passive: true });
            root.__viewer = {
              append: (json, more) => { JSON.parse(json).forEach(it => items.push(it)); hasMore = more; loading = false; counter.textContent = (index + 1) + ' of ' + items.length + (hasMore ? '+' : ''); [1, 2].forEach(d => preload(index + d)); },
              // a key pressed meanwhile wins over what the server read before it
              rated: (id, n) => { if (!ratings.has(id)) { ratings.set(id, n); if (items[index].id === id) decorate(); } },
              failed: message => { counter.textContent = message; },
            };
            root.focus({ preventScroll: true });
            show();
            """;
}

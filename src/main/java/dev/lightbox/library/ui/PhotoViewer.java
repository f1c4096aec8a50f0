package dev.lightbox.library.ui;

import com.vaadin.flow.component.HasComponents;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.library.service.PhotoView;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A full-screen viewer over a list of photos, opened from a page that shows the list (the timeline, Best of)
 * and moving in that list's order. Implemented by another module (culling), so the library does not depend
 * on it; a page without one falls back to the photo page.
 */
public interface PhotoViewer {

    /**
     * The list the viewer was opened from: what the page has loaded, in order, and how to get the pages after
     * it (the same service call the page pages through; {@code more} is given {@code nextCursor}).
     */
    record Sequence(List<PhotoView> loaded, @Nullable String nextCursor, Function<String, PhotoService.Page> more) {

        public static Sequence of(List<PhotoView> photos) {
            return new Sequence(photos, null, cursor -> new PhotoService.Page(List.of(), null));
        }
    }

    /**
     * Opens over {@code host} at {@code start}; when it closes, {@code changed} is given the photos whose flag
     * or rating changed meanwhile (the host may refresh their tiles).
     */
    void open(HasComponents host, Sequence sequence, UUID start, Consumer<Set<UUID>> changed);
}

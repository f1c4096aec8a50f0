package dev.lightbox.scoring.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import dev.lightbox.library.service.PhotoRanking;
import java.util.function.Consumer;

/** Square thumbnails with a score badge, for the scoring views; a click opens the photo page unless told otherwise. */
final class PhotoTiles {

    private PhotoTiles() {
    }

    static Div grid(String id) {
        var grid = new Div();
        grid.setId(id);
        grid.addClassName("day-grid");
        return grid;
    }

    static Div tile(PhotoRanking.Ranked rank, Consumer<Div> onClick) {
        var image = new Image("media/photos/" + rank.photoId() + "/thumbnail", "photo scoring " + format(rank.score()));
        image.getElement().setAttribute("loading", "lazy");
        var badge = new Span(format(rank.score()));
        badge.addClassName("score-badge");
        if (!rank.passed()) badge.addClassName("failed");
        var tile = new Div(image, badge);
        tile.addClassName("tile");
        tile.getElement().setAttribute("data-photo-id", rank.photoId().toString());
        tile.getElement().setAttribute("data-score", format(rank.score()));
        tile.addClickListener(e -> onClick.accept(tile));
        return tile;
    }

    static Div tile(PhotoRanking.Ranked rank) {
        return tile(rank, tile -> tile.getUI().ifPresent(ui -> ui.navigate("photos/" + rank.photoId())));
    }

    static String format(double score) {
        return String.format(java.util.Locale.ROOT, "%.1f", score);
    }
}

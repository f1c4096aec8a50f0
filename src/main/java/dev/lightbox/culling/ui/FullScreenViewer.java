package dev.lightbox.culling.ui;

import com.vaadin.flow.component.HasComponents;
import dev.lightbox.library.service.PhotoDetails;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.library.ui.PhotoViewer;
import dev.lightbox.training.service.RatingService;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The library's {@link PhotoViewer}: a {@link ViewerOverlay} over the page that opens it. */
@Component
class FullScreenViewer implements PhotoViewer {

    private final PhotoService photos;
    private final RatingService ratings;
    private final List<PhotoDetails> details;
    private final JsonMapper json;

    FullScreenViewer(PhotoService photos, RatingService ratings, List<PhotoDetails> details, JsonMapper json) {
        this.photos = photos;
        this.ratings = ratings;
        this.details = details;
        this.json = json;
    }

    @Override
    public void open(HasComponents host, Sequence sequence, UUID start, Consumer<Set<UUID>> changed) {
        host.add(new ViewerOverlay(host, new ViewerOverlay.Services(photos, ratings, details, json), sequence, start, changed));
    }
}

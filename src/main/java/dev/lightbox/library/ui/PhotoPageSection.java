package dev.lightbox.library.ui;

import com.vaadin.flow.component.Component;
import dev.lightbox.library.service.PhotoView;
import java.util.UUID;

/** A part of the photo page another module adds under the details, e.g. labels and a rating to edit. */
public interface PhotoPageSection {

    /** Ordered by this number, lowest first. */
    default int order() {
        return 0;
    }

    Component create(UUID ownerId, PhotoView photo);
}

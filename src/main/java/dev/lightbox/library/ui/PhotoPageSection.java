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

    /** Shown beside the preview, in the first screenful (the score block), rather than under the details. */
    default boolean beside() {
        return false;
    }

    Component create(UUID ownerId, PhotoView photo);
}

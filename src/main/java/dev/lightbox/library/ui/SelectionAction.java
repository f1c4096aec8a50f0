package dev.lightbox.library.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.Set;
import java.util.UUID;

/**
 * A button another module adds to the timeline's selection bar ("Describe with AI"). {@link #apply} runs off
 * the session lock (it may call services that do I/O) and returns the sentence the page then shows.
 */
public interface SelectionAction {

    /** The element id of its button, for tests and links. */
    String id();

    String label();

    VaadinIcon icon();

    /** Whether to offer it to this user at all (a feature that is switched off says no). */
    default boolean available(UUID ownerId) {
        return true;
    }

    String apply(UUID ownerId, Set<UUID> photoIds);
}

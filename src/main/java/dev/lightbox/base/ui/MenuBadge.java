package dev.lightbox.base.ui;

import java.util.UUID;

/**
 * A number a module shows beside its menu entry (e.g. how many photos are in the trash). The shell reads it off the
 * session lock after each navigation.
 */
public interface MenuBadge {

    /** The entry's route, as its {@code @Route} names it (e.g. {@code "trash"}). */
    String path();

    /** The number to show for this user; 0 shows none. */
    long count(UUID userId);
}

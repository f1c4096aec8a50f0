package dev.lightbox.library.service;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Groups of similar photos (bursts, near-duplicates), kept by another module (culling) and offered to the
 * timeline, which can collapse each group to one tile.
 */
public interface PhotoGroups {

    /** A photo's place in a group: the group, its kind ({@code burst} or {@code similar}), its size and suggested keeper. */
    record Membership(String groupId, String kind, int size, UUID suggested) {
    }

    /** The groups these photos of the owner belong to (photos in no group are absent). */
    Map<UUID, Membership> memberships(UUID ownerId, Collection<UUID> photoIds);
}

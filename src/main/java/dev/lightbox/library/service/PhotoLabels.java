package dev.lightbox.library.service;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Labels on photos, kept by another module (training) and offered to the timeline: which labels a library
 * has, and labelling many photos at once.
 */
public interface PhotoLabels {

    record LabelCount(String label, long photos) {
    }

    /** The owner's labels, most used first. */
    List<LabelCount> labels(UUID ownerId);

    /** The top labels the owner's active model predicted, most frequent first (empty without an active model). */
    List<LabelCount> predictedLabels(UUID ownerId);

    /** Adds a label to these photos of the owner (others' ids are ignored); returns how many gained it. */
    int addLabel(UUID ownerId, Collection<UUID> photoIds, String label);
}

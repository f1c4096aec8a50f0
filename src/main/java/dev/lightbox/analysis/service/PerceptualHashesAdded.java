package dev.lightbox.analysis.service;

import java.util.UUID;

/** Published after contents of the owner's library analysed before perceptual hashes existed were given one. */
public record PerceptualHashesAdded(UUID ownerId, int contents) {
}

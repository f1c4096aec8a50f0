package dev.lightbox.library.service;

/**
 * Published inside the transaction (holding the content lock) that removes the stored files of a content no photo
 * references any more after an account's deletion: modules drop the rows they keep per content (attributes, score
 * inputs, descriptions), which were built from that account's private photos.
 */
public record ContentForgotten(String sha256) {
}

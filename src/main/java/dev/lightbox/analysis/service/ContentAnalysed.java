package dev.lightbox.analysis.service;

/** Published in the transaction that stores a content's attributes: every photo with these bytes can be (re)scored. */
public record ContentAnalysed(String sha256) {
}

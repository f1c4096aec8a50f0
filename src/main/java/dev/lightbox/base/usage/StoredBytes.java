package dev.lightbox.base.usage;

/** One kind of stored object ("originals", "renditions", "results", "models", …): how many, and their bytes. */
public record StoredBytes(String kind, long objects, long bytes) {
}

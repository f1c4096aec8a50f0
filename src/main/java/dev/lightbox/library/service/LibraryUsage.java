package dev.lightbox.library.service;

/** One owner's library: how many photos, and the bytes of their stored originals. */
public record LibraryUsage(long photos, long bytes) {

    public static final LibraryUsage NONE = new LibraryUsage(0, 0);
}

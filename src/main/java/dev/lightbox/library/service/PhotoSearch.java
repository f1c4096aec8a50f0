package dev.lightbox.library.service;

import dev.lightbox.library.domain.PhotoRepository;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The words {@code GET /api/v1/photos?q=} finds a photo by, kept per photo and source by the modules that own
 * them (vision: the caption and tags; training: the owner's labels), in a table the library owns: the search
 * reads only that, never another module's tables.
 */
@Service
public class PhotoSearch {

    /** Longest text kept per photo and source; longer text is cut (the search is a convenience, not an archive). */
    public static final int MAX_TEXT = 4000;

    private final PhotoRepository photos;

    PhotoSearch(PhotoRepository photos) {
        this.photos = photos;
    }

    /**
     * Replaces what {@code source} ("vision", "labels", …) says about the owner's photo; blank text removes it.
     * Joins the caller's transaction. Nothing happens when the owner has no such photo.
     */
    @Transactional
    public void replace(UUID ownerId, UUID photoId, String source, String text) {
        String clean = text.strip();
        if (clean.isEmpty()) {
            photos.deleteSearchText(ownerId, photoId, source);
            return;
        }
        photos.saveSearchText(ownerId, photoId, source, clean.length() > MAX_TEXT ? clean.substring(0, MAX_TEXT) : clean);
    }

    /** An ILIKE pattern matching {@code q} anywhere, its wildcards and the escape character taken literally. */
    static String pattern(String q) {
        return "%" + q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}

package dev.lightbox.library.service;

/** Object keys of DESIGN.md §5: content-addressed originals and renditions, temporary uploads. */
public final class PhotoKeys {

    public static final String UPLOADS_PREFIX = "uploads/";
    public static final String ORIGINALS_PREFIX = "originals/";
    public static final String DERIVED_PREFIX = "derived/";

    private PhotoKeys() {
    }

    public static String original(String sha256) {
        return ORIGINALS_PREFIX + sha256;
    }

    public static String thumbnail(String sha256) {
        return DERIVED_PREFIX + sha256 + "/thumb-400.jpg";
    }

    public static String preview(String sha256) {
        return DERIVED_PREFIX + sha256 + "/preview-1600.jpg";
    }
}

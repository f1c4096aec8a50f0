package dev.lightbox.library.service;

/** Object keys of DESIGN.md §5: content-addressed originals and renditions, temporary uploads. */
public final class PhotoKeys {

    public static final String UPLOADS_PREFIX = "uploads/";

    private PhotoKeys() {
    }

    public static String original(String sha256) {
        return "originals/" + sha256;
    }

    public static String thumbnail(String sha256) {
        return "derived/" + sha256 + "/thumb-400.jpg";
    }

    public static String preview(String sha256) {
        return "derived/" + sha256 + "/preview-1600.jpg";
    }
}

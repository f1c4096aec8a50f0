package dev.lightbox.library.domain;

/** The formats Lightbox accepts, recognised by their magic bytes. */
public enum ImageFormat {
    JPEG("image/jpeg"), PNG("image/png"), WEBP("image/webp"), TIFF("image/tiff");

    private final String mediaType;

    ImageFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}

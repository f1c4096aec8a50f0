package dev.lightbox.library.service;

import org.jspecify.annotations.Nullable;

/** A file Lightbox will not store, and why. Nothing of it is kept: no row, no object. */
public class UploadRejectedException extends RuntimeException {

    public enum Reason {
        EMPTY, NOT_AN_IMAGE, SCRIPT_FORMAT, UNSUPPORTED_FORMAT, TOO_MANY_BYTES, TOO_MANY_PIXELS, CORRUPT
    }

    private final Reason reason;

    public UploadRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public UploadRejectedException(Reason reason, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

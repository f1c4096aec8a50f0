package dev.lightbox.skin.service;

import java.util.Locale;

/** Where a check-in's skin analysis stands; {@link #json()} is the API's {@code status}. */
public enum CheckinStatus {
    PENDING, DONE, NO_FACE, FACE_TOO_SMALL, FAILED;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** No more changes expected (the job finished one way or another). */
    public boolean finished() {
        return this != PENDING;
    }
}

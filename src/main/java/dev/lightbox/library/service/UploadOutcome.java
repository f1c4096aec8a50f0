package dev.lightbox.library.service;

import dev.lightbox.library.domain.Photo;

/**
 * A stored upload: a new photo, the photo the user already had with the same bytes ({@code duplicate}), or the
 * user's synced photo of these bytes that now has its original ({@code gainedOriginal}: same row, not new).
 */
public record UploadOutcome(PhotoView photo, boolean duplicate, boolean gainedOriginal) {

    /** Whether this upload made the photo's row (an undo may delete it); false for a duplicate or a synced photo that gained its original. */
    public boolean newPhoto() {
        return !duplicate && !gainedOriginal;
    }

    static UploadOutcome stored(Photo photo) {
        return new UploadOutcome(PhotoView.of(photo), false, false);
    }

    static UploadOutcome gainedOriginal(Photo photo) {
        return new UploadOutcome(PhotoView.of(photo), false, true);
    }

    static UploadOutcome duplicateOf(Photo photo) {
        return new UploadOutcome(PhotoView.of(photo), true, false);
    }
}

package dev.lightbox.library.service;

import dev.lightbox.library.domain.Photo;

/** A stored upload: a new photo, or the photo the user already had with the same bytes. */
public record UploadOutcome(PhotoView photo, boolean duplicate) {

    static UploadOutcome stored(Photo photo) {
        return new UploadOutcome(PhotoView.of(photo), false);
    }

    static UploadOutcome duplicateOf(Photo photo) {
        return new UploadOutcome(PhotoView.of(photo), true);
    }
}

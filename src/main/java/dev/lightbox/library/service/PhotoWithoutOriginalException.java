package dev.lightbox.library.service;

/**
 * Work that needs a photo's bytes was asked of a photo synced without its original (analysed on the owner's
 * own computer): nothing is queued or charged. APIs answer it 409 problem+json.
 */
public class PhotoWithoutOriginalException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public PhotoWithoutOriginalException(String work) {
        super(work + " needs the photo itself, and this one was synced without its original: upload the file to add it.");
    }
}

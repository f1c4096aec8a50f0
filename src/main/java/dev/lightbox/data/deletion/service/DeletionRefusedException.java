package dev.lightbox.data.deletion.service;

/** A deletion that is not allowed (the last enabled admin, an admin's own account in the console), with the reason to show. */
public class DeletionRefusedException extends RuntimeException {

    public DeletionRefusedException(String message) {
        super(message);
    }
}

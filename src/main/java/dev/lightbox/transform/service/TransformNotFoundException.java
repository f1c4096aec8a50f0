package dev.lightbox.transform.service;

/** The caller has no such transform, or no such photo: another user's answers the same (404). */
public class TransformNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TransformNotFoundException(String detail) {
        super(detail);
    }
}

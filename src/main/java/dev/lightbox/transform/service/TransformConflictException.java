package dev.lightbox.transform.service;

/** The transform is not in a state that allows this (cancel a finished one, save one not completed): 409. */
public class TransformConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TransformConflictException(String detail) {
        super(detail);
    }
}

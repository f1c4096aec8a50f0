package dev.lightbox.scoring.service;

/** A scoring config request that cannot be done, with a message fit to show the user. */
public class ScoringException extends RuntimeException {

    public enum Reason { INVALID, NOT_FOUND, CONFLICT }

    private final Reason reason;

    public ScoringException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

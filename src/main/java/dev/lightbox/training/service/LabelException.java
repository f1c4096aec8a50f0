package dev.lightbox.training.service;

/** A label or rating that cannot be accepted, or a photo that is not the caller's; the message says which and why. */
public class LabelException extends IllegalArgumentException {

    public enum Reason { INVALID, NOT_FOUND }

    private final Reason reason;

    public LabelException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Always the message the constructor was given. */
    @Override
    public String getMessage() {
        return String.valueOf(super.getMessage());
    }
}

package dev.lightbox.account.service;

/** A request about accounts that cannot be done, with a message fit to show the user. */
public class AccountException extends RuntimeException {

    public enum Reason { INVALID_INPUT, EMAIL_TAKEN, SIGNUP_CLOSED, BAD_CREDENTIALS, THROTTLED, NOT_FOUND, DISABLED }

    private final Reason reason;

    public AccountException(Reason reason, String message) {
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

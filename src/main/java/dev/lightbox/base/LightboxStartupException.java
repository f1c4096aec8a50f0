package dev.lightbox.base;

/**
 * A reason Lightbox cannot start that the operator can fix: printed as one clear line, then the app exits.
 */
public class LightboxStartupException extends RuntimeException {

    private final String action;

    public LightboxStartupException(String message, String action, Throwable cause) {
        super(message, cause);
        this.action = action;
    }

    public LightboxStartupException(String message, String action) {
        super(message);
        this.action = action;
    }

    public String action() {
        return action;
    }
}

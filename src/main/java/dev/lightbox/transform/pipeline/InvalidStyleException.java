package dev.lightbox.transform.pipeline;

import org.jspecify.annotations.Nullable;

/** An unknown style or a bad parameter: a 400 naming it ({@code param} is null when the style itself is bad). */
public class InvalidStyleException extends RuntimeException {

    private final @Nullable String param;

    public InvalidStyleException(@Nullable String param, String message) {
        super(message);
        this.param = param;
    }

    public @Nullable String param() {
        return param;
    }
}

package dev.lightbox.coach.service;

/** The language model did not produce an answer (timeout, tool error, unreachable, malformed reply, cancelled). */
public class CoachLlmException extends RuntimeException {
    public CoachLlmException(String message, Throwable cause) {
        super(message, cause);
    }

    public CoachLlmException(String message) {
        super(message);
    }
}

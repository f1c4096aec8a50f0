package dev.lightbox.transform.service;

/** A model file or spec the registry refuses; the message says why (REST: 400). */
public class InvalidModelException extends RuntimeException {

    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}

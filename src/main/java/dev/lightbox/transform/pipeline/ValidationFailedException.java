package dev.lightbox.transform.pipeline;

/** The validate step refused the result (wrong size, blank output, a face lost, quality below its bound). */
public class ValidationFailedException extends Exception {

    public ValidationFailedException(String reason) {
        super(reason);
    }
}

package dev.lightbox.transform.service;

/** The preview's result was refused by the pipeline's validation: the reason, for the dialog. */
public class PreviewFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PreviewFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

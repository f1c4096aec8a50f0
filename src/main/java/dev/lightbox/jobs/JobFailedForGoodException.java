package dev.lightbox.jobs;

/**
 * Thrown by a handler when no retry could mend the failure (the input itself is refused): the job fails at
 * once with this message as its error, whatever attempts it has left.
 */
public class JobFailedForGoodException extends RuntimeException {

    public JobFailedForGoodException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

package dev.lightbox.training.service;

/** Training stopped for a reason the user can act on (too few photos, unreadable images); the message says it. */
class TrainingException extends RuntimeException {

    TrainingException(String message) {
        super(message);
    }
}

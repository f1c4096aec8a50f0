package dev.lightbox.storage;

/** An object store operation failed; the message names the operation and the key. */
public class StorageException extends RuntimeException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}

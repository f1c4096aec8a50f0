package dev.lightbox.admin.service;

/** An admin change the server refuses in the current state (409), such as removing the last enabled admin. */
public class AdminRefusedException extends RuntimeException {

    public AdminRefusedException(String message) {
        super(message);
    }
}

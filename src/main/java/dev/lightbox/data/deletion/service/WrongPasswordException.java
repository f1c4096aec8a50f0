package dev.lightbox.data.deletion.service;

/** The password given to confirm a deletion is not the account's. */
public class WrongPasswordException extends RuntimeException {

    public WrongPasswordException() {
        super("The password does not match.");
    }
}

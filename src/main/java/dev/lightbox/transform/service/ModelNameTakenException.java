package dev.lightbox.transform.service;

/** Another installed model already has this name (REST: 409). */
public class ModelNameTakenException extends RuntimeException {

    public ModelNameTakenException(String name) {
        super("A model named '" + name + "' is installed already: uninstall it first or choose another name.");
    }
}

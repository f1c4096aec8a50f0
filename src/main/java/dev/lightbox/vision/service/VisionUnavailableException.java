package dev.lightbox.vision.service;

/** Describe was asked of a server with no vision provider configured (answered 409 by the API). */
public class VisionUnavailableException extends IllegalStateException {

    public VisionUnavailableException() {
        super("No vision provider is configured: an admin sets LIGHTBOX_VISION_URL and LIGHTBOX_VISION_MODEL to turn Describe with AI on.");
    }
}

package dev.lightbox.transform.service;

import java.io.InputStream;

/**
 * A stored result or thumbnail JPEG to send: its size, a strong ETag (a transform's images never change) and a
 * way to open all of it or a byte range (for a download handler or an HTTP Range request).
 */
public record ResultImage(long size, String etag, String contentType, String fileName, Opener opener) {

    @FunctionalInterface
    public interface Opener {
        InputStream open(long offset, long length);
    }

    public InputStream open() {
        return opener.open(0, size);
    }

    public InputStream open(long offset, long length) {
        return opener.open(offset, length);
    }
}

package dev.lightbox.transform.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An uploaded model file in a local temporary file, with its size and SHA-256, waiting for its spec. Closing it
 * deletes the file unless the registry took it.
 */
public final class StagedModel implements AutoCloseable {

    private final Path file;
    private final long sizeBytes;
    private final String sha256;

    StagedModel(Path file, long sizeBytes, String sha256) {
        this.file = file;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
    }

    Path file() {
        return file;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public String sha256() {
        return sha256;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file: the folder is removed at shutdown
        }
    }
}

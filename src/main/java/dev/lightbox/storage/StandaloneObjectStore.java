package dev.lightbox.storage;

import dev.lightbox.storage.embedded.EmbeddedS3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The object store outside the application (the {@code backup}/{@code restore} commands, with the app stopped):
 * the configured S3 server, or the embedded one started here on {@code <data dir>/objects}.
 */
public final class StandaloneObjectStore implements AutoCloseable {

    private final ObjectStore store;
    private final Optional<EmbeddedS3Server> server;

    private StandaloneObjectStore(ObjectStore store, Optional<EmbeddedS3Server> server) {
        this.store = store;
        this.server = server;
    }

    /**
     * Connects (starting the embedded server when no endpoint is configured) and makes sure the bucket exists;
     * {@code deletions} gates this store's deletions (a live app elsewhere may share an external bucket).
     */
    public static StandaloneObjectStore open(StorageProperties props, Path dataDir, DeletionGate deletions) throws java.io.IOException {
        Optional<EmbeddedS3Server> server = Optional.empty();
        if (props.embedded()) {
            server = Optional.of(EmbeddedS3Server.start(Files.createDirectories(dataDir.resolve("objects")),
                    dataDir.resolve("s3-credentials.properties"), props.embeddedPort()));
        }
        try {
            return new StandaloneObjectStore(StorageConfiguration.connect(props, server, deletions), server);
        } catch (RuntimeException e) {
            if (server.isPresent()) {
                try {
                    server.get().close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    public static boolean embedded(StorageProperties props) {
        return props.embedded();
    }

    public ObjectStore store() {
        return store;
    }

    @Override
    public void close() throws Exception {
        if (server.isPresent()) server.get().close();
    }
}

package dev.lightbox.training.service;

import dev.lightbox.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Component;

/**
 * The model registry's files in S3: {@code models/{id}/{version}/} holds the parameters, {@code labels.json},
 * {@code input.json}, {@code metrics.json} and {@code training.json}. A version exists once its row is
 * written; files of a run that did not get there are deleted.
 */
@Component
class ModelFiles {

    private final ObjectStore store;

    ModelFiles(ObjectStore store) {
        this.store = store;
    }

    static String prefix(UUID modelId, int version) {
        return "models/" + modelId + "/" + version + "/";
    }

    /** Uploads every file of {@code dir}; returns the bytes uploaded. */
    long upload(UUID modelId, int version, Path dir) throws IOException {
        long total = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                long size = Files.size(file);
                try (InputStream in = Files.newInputStream(file)) {
                    store.put(prefix(modelId, version) + file.getFileName(), in, size, "application/octet-stream");
                }
                total += size;
            }
        }
        return total;
    }

    /** Downloads a version's files into {@code dir}. */
    void download(UUID modelId, int version, Path dir) throws IOException {
        for (ObjectStore.ListedObject object : store.list(prefix(modelId, version))) {
            try (InputStream in = store.get(object.key())) {
                Files.copy(in, dir.resolve(object.key().substring(object.key().lastIndexOf('/') + 1)));
            }
        }
    }

    /** A version's files as one zip, streamed. */
    void zip(UUID modelId, int version, OutputStream out) throws IOException {
        try (var zip = new ZipOutputStream(out)) {
            for (ObjectStore.ListedObject object : store.list(prefix(modelId, version))) {
                zip.putNextEntry(new ZipEntry(object.key().substring(object.key().lastIndexOf('/') + 1)));
                try (InputStream in = store.get(object.key())) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
    }

    boolean exists(UUID modelId, int version) {
        return !store.list(prefix(modelId, version)).isEmpty();
    }

    /** Deletes every file of a model (all versions). */
    void deleteAll(UUID modelId) {
        List<ObjectStore.ListedObject> objects = store.list("models/" + modelId + "/");
        objects.forEach(object -> store.delete(object.key()));
    }
}

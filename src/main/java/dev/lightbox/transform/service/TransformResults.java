package dev.lightbox.transform.service;

import dev.lightbox.storage.ObjectStore;
import dev.lightbox.transform.pipeline.PipelineResult;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The result objects of transforms: {@code results/{id}/result.jpg} and {@code results/{id}/thumbnail.jpg}. They are
 * stored before the row names them and deleted after the row stops naming them; what a crash leaves in between is
 * removed by {@link TransformSweep}.
 */
@Component
class TransformResults {

    static final String PREFIX = "results/";
    private static final Logger log = LoggerFactory.getLogger(TransformResults.class);

    private final ObjectStore store;

    TransformResults(ObjectStore store) {
        this.store = store;
    }

    record Stored(String resultKey, String thumbnailKey, long bytes) {
        List<String> keys() {
            return List.of(resultKey, thumbnailKey);
        }
    }

    static String folder(UUID transformId) {
        return PREFIX + transformId + "/";
    }

    /** Puts both images; when the second fails, the first goes again before the failure is thrown. */
    Stored store(UUID transformId, PipelineResult result) {
        String resultKey = folder(transformId) + "result.jpg";
        String thumbnailKey = folder(transformId) + "thumbnail.jpg";
        put(resultKey, result.resultJpeg());
        try {
            put(thumbnailKey, result.thumbnailJpeg());
        } catch (RuntimeException e) {
            deleteQuietly(List.of(resultKey));
            throw e;
        }
        return new Stored(resultKey, thumbnailKey, result.resultJpeg().length);
    }

    private void put(String key, byte[] jpeg) {
        store.put(key, new ByteArrayInputStream(jpeg), jpeg.length, "image/jpeg");
    }

    Optional<Long> size(String key) {
        return store.stat(key).map(info -> info.size());
    }

    ResultImage image(String key, long size, String etag, String fileName) {
        return new ResultImage(size, etag, "image/jpeg", fileName, (offset, length) -> store.get(key, offset, length));
    }

    byte[] read(String key) throws java.io.IOException {
        try (var in = store.get(key)) {
            return in.readAllBytes();
        }
    }

    /** Deletes the objects; a failure is logged (the sweep removes what is left once no row names it). */
    void deleteQuietly(List<@Nullable String> keys) {
        for (String key : keys) {
            if (key == null) continue;
            try {
                store.delete(key);
            } catch (RuntimeException e) {
                log.warn("Could not delete {} ({}); the storage sweep removes it later", key, e.getMessage());
            }
        }
    }
}

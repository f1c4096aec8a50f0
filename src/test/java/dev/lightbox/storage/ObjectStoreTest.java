package dev.lightbox.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.support.IntegrationTest;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The embedded S3 server is real S3: round trips, ranges, multipart streams, and SigV4 signatures checked. */
class ObjectStoreTest extends IntegrationTest {

    @Autowired
    ObjectStore store;

    @Test
    void storesReadsRangesAndDeletes() throws Exception {
        byte[] bytes = randomBytes(100_000);
        store.put("test/object.bin", new ByteArrayInputStream(bytes), bytes.length, "application/octet-stream");

        assertThat(store.stat("test/object.bin")).hasValueSatisfying(info -> assertThat(info.size()).isEqualTo(100_000));
        try (InputStream in = store.get("test/object.bin")) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        try (InputStream in = store.get("test/object.bin", 1000, 10)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 1000, 1010));
        }
        store.delete("test/object.bin");
        assertThat(store.stat("test/object.bin")).isEmpty();
        store.delete("test/object.bin"); // deleting what is gone is fine
    }

    @Test
    void streamsOfUnknownLengthGoUpInParts() throws Exception {
        byte[] bytes = randomBytes(23 * 1024 * 1024); // three 8 MiB parts
        store.put("test/multipart.bin", new ByteArrayInputStream(bytes), -1, "application/octet-stream");
        try (InputStream in = store.get("test/multipart.bin")) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        store.delete("test/multipart.bin");
    }

    @Test
    void aStreamThatFailsMidwayLeavesNoObjectAndNoParts() {
        InputStream failing = new InputStream() {
            private long served;
            @Override public int read() throws java.io.IOException {
                if (served++ > 20L * 1024 * 1024) throw new java.io.IOException("client went away");
                return 7;
            }
        };
        assertThatThrownBy(() -> store.put("test/failing.bin", failing, -1, "application/octet-stream"))
                .isInstanceOf(StorageException.class).hasMessageContaining("client went away");
        assertThat(store.stat("test/failing.bin")).isEmpty();
        assertThat(store.incompleteUploads("test/failing")).isZero();
    }

    @Test
    void requestsSignedWithAWrongSecretAreRefused() {
        MinioClient intruder = MinioClient.builder().endpoint(store.endpoint()).credentials("lightbox-intruder", "wrong-secret").build();
        assertThatThrownBy(() -> intruder.bucketExists(BucketExistsArgs.builder().bucket(store.bucket()).build()))
                .isInstanceOf(ErrorResponseException.class);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}

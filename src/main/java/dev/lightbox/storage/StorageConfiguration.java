package dev.lightbox.storage;

import org.jspecify.annotations.Nullable;
import dev.lightbox.base.DataDirectory;
import dev.lightbox.base.LightboxStartupException;
import dev.lightbox.storage.embedded.EmbeddedS3Server;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import java.net.URI;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Connects the MinIO client to the configured S3 server, or starts the embedded one; makes sure the bucket exists. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedS3 embeddedS3(StorageProperties props, ObjectProvider<DataDirectory> dataDirectory) {
        if (!props.embedded()) return new EmbeddedS3(Optional.empty());
        DataDirectory dir = dataDirectory.getObject();
        return new EmbeddedS3(Optional.of(EmbeddedS3Server.start(
                dir.resolve("objects"), dir.root().resolve("s3-credentials.properties"), props.embeddedPort())));
    }

    @Bean
    ObjectStore objectStore(StorageProperties props, EmbeddedS3 embedded, DataSource dataSource) {
        return connect(props, embedded.server(), DeletionGate.of(dataSource));
    }

    static ObjectStore connect(StorageProperties props, Optional<EmbeddedS3Server> embedded, DeletionGate deletions) {
        S3Settings s3 = checkSettings(
                embedded.map(EmbeddedS3Server::endpoint).orElse(props.endpoint()),
                embedded.map(EmbeddedS3Server::accessKey).orElse(props.accessKey()),
                embedded.map(EmbeddedS3Server::secretKey).orElse(props.secretKey()));
        MinioClient client = MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey()).region(props.region()).build();
        MinioAsyncClient async = MinioAsyncClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey()).region(props.region()).build();
        ensureBucket(client, props.bucket(), s3.endpoint());
        return new ObjectStore(client, async, props.bucket(), s3.endpoint(), deletions);
    }

    private record S3Settings(String endpoint, String accessKey, String secretKey) {
    }

    private static S3Settings checkSettings(@Nullable String endpoint, @Nullable String accessKey, @Nullable String secretKey) {
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new LightboxStartupException("LIGHTBOX_S3_ACCESS_KEY and LIGHTBOX_S3_SECRET_KEY are required with LIGHTBOX_S3_ENDPOINT.",
                    "Set both, or unset LIGHTBOX_S3_ENDPOINT to use the embedded S3 server.");
        }
        URI uri;
        try {
            uri = endpoint == null ? null : URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new LightboxStartupException("LIGHTBOX_S3_ENDPOINT is not a valid http(s) URL: " + endpoint,
                    "Set it to the S3 server's base URL, e.g. http://minio:9000.");
        }
        return new S3Settings(uri.toString(), accessKey, secretKey);
    }

    private static void ensureBucket(MinioClient client, String bucket, String endpoint) {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                log.info("Created bucket {} on {}", bucket, endpoint);
            }
        } catch (Exception e) {
            throw new LightboxStartupException("Cannot reach S3 at " + endpoint + " (bucket " + bucket + "): " + e.getMessage(),
                    "Check LIGHTBOX_S3_ENDPOINT, LIGHTBOX_S3_ACCESS_KEY and LIGHTBOX_S3_SECRET_KEY, and that the server is running.", e);
        }
    }

    /** Holds the embedded server, if one was started, so it stops on shutdown. */
    record EmbeddedS3(Optional<EmbeddedS3Server> server) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (server.isPresent()) server.get().close();
        }
    }
}

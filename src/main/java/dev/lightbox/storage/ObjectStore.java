package dev.lightbox.storage;

import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.ListObjectsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Streaming access to Lightbox's bucket. Callers name objects by key (layout in DESIGN.md §5);
 * bytes are never buffered whole: unknown-length streams go up as multipart uploads.
 */
public class ObjectStore {

    /** Part size for streams of unknown length (S3 allows 10,000 parts: up to ~100 GB). */
    private static final long PART_SIZE = 10L * 1024 * 1024;

    private final MinioClient client;
    private final String bucket;
    private final String endpoint;

    ObjectStore(MinioClient client, String bucket, String endpoint) {
        this.client = client;
        this.bucket = bucket;
        this.endpoint = endpoint;
    }

    public String bucket() {
        return bucket;
    }

    /** The S3 server's base URL (the embedded server's loopback address when embedded). */
    public String endpoint() {
        return endpoint;
    }

    /** Stores {@code size} bytes from {@code in} (or until its end when size is -1) under {@code key}. */
    public ObjectInfo put(String key, InputStream in, long size, String contentType) {
        try {
            var response = client.putObject(PutObjectArgs.builder()
                    .bucket(bucket).object(key)
                    .stream(in, size, size < 0 ? PART_SIZE : -1)
                    .contentType(contentType)
                    .build());
            return new ObjectInfo(key, size, contentType, response.etag());
        } catch (Exception e) {
            throw new StorageException("Could not store object " + key + ": " + e.getMessage(), e);
        }
    }

    /** Opens the object for reading; the caller closes the stream. */
    public InputStream get(String key) {
        try {
            return client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw new StorageException("Could not read object " + key + ": " + e.getMessage(), e);
        }
    }

    /** Opens {@code length} bytes of the object from {@code offset}; the caller closes the stream. */
    public InputStream get(String key, long offset, long length) {
        try {
            return client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).offset(offset).length(length).build());
        } catch (Exception e) {
            throw new StorageException("Could not read object " + key + ": " + e.getMessage(), e);
        }
    }

    public Optional<ObjectInfo> stat(String key) {
        try {
            var stat = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return Optional.of(new ObjectInfo(key, stat.size(), stat.contentType(), stat.etag()));
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) return Optional.empty();
            throw new StorageException("Could not stat object " + key + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new StorageException("Could not stat object " + key + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the object; deleting a missing key is not an error. */
    public void delete(String key) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw new StorageException("Could not delete object " + key + ": " + e.getMessage(), e);
        }
    }

    /** Server-side copy: the bytes never pass through this JVM. */
    public void copy(String fromKey, String toKey) {
        try {
            client.copyObject(CopyObjectArgs.builder().bucket(bucket).object(toKey)
                    .source(CopySource.builder().bucket(bucket).object(fromKey).build()).build());
        } catch (Exception e) {
            throw new StorageException("Could not copy object " + fromKey + " to " + toKey + ": " + e.getMessage(), e);
        }
    }

    /** Keys under a prefix with their last-modified time. */
    public List<ListedObject> list(String prefix) {
        try {
            var result = new ArrayList<ListedObject>();
            for (var item : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                var object = item.get();
                result.add(new ListedObject(object.objectName(), object.size(), object.lastModified().toInstant()));
            }
            return result;
        } catch (Exception e) {
            throw new StorageException("Could not list objects under " + prefix + ": " + e.getMessage(), e);
        }
    }

    public record ListedObject(String key, long size, Instant lastModified) {
    }

    /** True when the server answers and the bucket exists; used by the health check. */
    public boolean bucketExists() {
        try {
            return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            throw new StorageException("Could not reach S3 bucket " + bucket + ": " + e.getMessage(), e);
        }
    }
}

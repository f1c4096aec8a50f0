package dev.lightbox.storage;

import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.ListObjectsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Part;
import com.google.common.collect.HashMultimap;
import java.io.ByteArrayInputStream;
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

    /** Part size for streams of unknown length (S3 allows 10,000 parts, so objects up to ~80 GB; at least 5 MiB each). */
    static final int PART_SIZE = 8 * 1024 * 1024;

    private final MinioClient client;
    private final MinioAsyncClient async;
    private final String bucket;
    private final String endpoint;
    private final DeletionGate deletions;

    ObjectStore(MinioClient client, MinioAsyncClient async, String bucket, String endpoint, DeletionGate deletions) {
        this.client = client;
        this.async = async;
        this.bucket = bucket;
        this.endpoint = endpoint;
        this.deletions = deletions;
    }


    public String bucket() {
        return bucket;
    }

    /** The S3 server's base URL (the embedded server's loopback address when embedded). */
    public String endpoint() {
        return endpoint;
    }

    /**
     * Stores {@code size} bytes from {@code in}, or, when size is -1, everything until its end. A stream
     * of unknown length that fits one part goes up as one PUT; a longer one as a multipart upload whose
     * parts pass through a single reused buffer, so memory stays at one part whatever the length. A
     * failed multipart upload is aborted: no parts are left behind.
     */
    public ObjectInfo put(String key, InputStream in, long size, String contentType) {
        try {
            if (size >= 0) {
                var response = client.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(in, size, -1)
                        .contentType(contentType).build());
                return new ObjectInfo(key, size, contentType, response.etag());
            }
            return putUnknownLength(key, in, contentType);
        } catch (StorageException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageException("Could not store object " + key + ": " + e.getMessage(), e);
        }
    }

    private ObjectInfo putUnknownLength(String key, InputStream in, String contentType) throws Exception {
        byte[] part = new byte[PART_SIZE];
        int filled = in.readNBytes(part, 0, PART_SIZE);
        if (filled < PART_SIZE) {
            var response = client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(part, 0, filled), filled, -1).contentType(contentType).build());
            return new ObjectInfo(key, filled, contentType, response.etag());
        }
        var headers = HashMultimap.<String, String>create();
        headers.put("Content-Type", contentType);
        String uploadId = async.createMultipartUploadAsync(bucket, null, key, headers, null).get().result().uploadId();
        try {
            List<Part> parts = new ArrayList<>();
            long total = 0;
            for (int number = 1; filled > 0; number++) {
                var uploaded = async.uploadPartAsync(bucket, null, key, part, filled, uploadId, number, null, null).get();
                parts.add(new Part(number, uploaded.etag()));
                total += filled;
                filled = in.readNBytes(part, 0, PART_SIZE);
            }
            var done = async.completeMultipartUploadAsync(bucket, null, key, uploadId, parts.toArray(Part[]::new), null, null).get();
            return new ObjectInfo(key, total, contentType, done.etag());
        } catch (Exception e) {
            try {
                async.abortMultipartUploadAsync(bucket, null, key, uploadId, null, null).get();
            } catch (Exception abortFailed) {
                e.addSuppressed(abortFailed);
            }
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new StorageException("Could not store object " + key + ": " + cause.getMessage(), cause);
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
        deletions.deleting(() -> {
            try {
                client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            } catch (Exception e) {
                throw new StorageException("Could not delete object " + key + ": " + e.getMessage(), e);
            }
        });
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

    /** Like {@link #list}, one page at a time: for prefixes too large to hold in memory. */
    public void forEach(String prefix, java.util.function.Consumer<ListedObject> action) {
        try {
            for (var item : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                var object = item.get();
                action.accept(new ListedObject(object.objectName(), object.size(), object.lastModified().toInstant()));
            }
        } catch (StorageException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageException("Could not list objects under " + prefix + ": " + e.getMessage(), e);
        }
    }

    public record ListedObject(String key, long size, Instant lastModified) {
    }

    /** How many multipart uploads begun under a prefix were neither completed nor aborted. */
    public int incompleteUploads(String prefix) {
        return listIncompleteUploads(prefix).size();
    }

    /** Multipart uploads begun under a prefix and neither completed nor aborted (their parts take space until aborted). */
    public List<IncompleteUpload> listIncompleteUploads(String prefix) {
        try {
            var result = new ArrayList<IncompleteUpload>();
            String keyMarker = null;
            String uploadIdMarker = null;
            while (true) {
                var page = async.listMultipartUploadsAsync(bucket, null, null, null, keyMarker, 1000, prefix, uploadIdMarker, null, null)
                        .get().result();
                for (var upload : page.uploads()) {
                    result.add(new IncompleteUpload(upload.objectName(), upload.uploadId(),
                            upload.initiated() == null ? Instant.EPOCH : upload.initiated().toInstant()));
                }
                if (!page.isTruncated() || page.nextKeyMarker() == null) return result;
                keyMarker = page.nextKeyMarker();
                uploadIdMarker = page.nextUploadIdMarker();
            }
        } catch (Exception e) {
            throw new StorageException("Could not list multipart uploads under " + prefix + ": " + e.getMessage(), e);
        }
    }

    /** Aborts an unfinished multipart upload, freeing its parts; one already gone is not an error. */
    public void abort(IncompleteUpload upload) {
        try {
            async.abortMultipartUploadAsync(bucket, null, upload.key(), upload.uploadId(), null, null).get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof ErrorResponseException error && "NoSuchUpload".equals(error.errorResponse().code())) return;
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StorageException("Could not abort multipart upload of " + upload.key() + ": " + cause.getMessage(), cause);
        } catch (Exception e) {
            throw new StorageException("Could not abort multipart upload of " + upload.key() + ": " + e.getMessage(), e);
        }
    }

    public record IncompleteUpload(String key, String uploadId, Instant initiated) {
    }

    /** True when the bucket holds any object (restore needs an empty one). */
    public boolean hasObjects() {
        try {
            for (var item : client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).maxKeys(1).build())) {
                item.get();
                return true;
            }
            return false;
        } catch (Exception e) {
            throw new StorageException("Could not list bucket " + bucket + ": " + e.getMessage(), e);
        }
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

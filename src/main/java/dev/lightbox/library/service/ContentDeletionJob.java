package dev.lightbox.library.service;

import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The deletion outbox: deleting a content's last photo enqueues this job in the same transaction as the
 * row delete, so the objects are deleted only after that commit, and surely (the job row is durable and
 * a failed attempt is retried with backoff). It re-checks before deleting: a photo uploaded with the same
 * content in between, or an upload still in flight, keeps the original.
 */
@Component
class ContentDeletionJob implements JobHandler {

    static final String TYPE = "library.delete-content";

    private final ContentCleaner cleaner;

    ContentDeletionJob(ContentCleaner cleaner) {
        this.cleaner = cleaner;
    }

    static JobRequest request(UUID ownerId, String sha256) {
        List<String> keys = List.of(PhotoKeys.original(sha256), PhotoKeys.preview(sha256), PhotoKeys.thumbnail(sha256));
        return JobRequest.of(TYPE, JobQueue.CPU, ownerId, Map.of("sha256", sha256, "keys", keys)).withMaxAttempts(10);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) {
        String sha256 = (String) context.payload().get("sha256");
        boolean deleted = cleaner.deleteIfUnreferenced(sha256, null);
        context.result(deleted ? Map.of("deleted", context.payload().get("keys"))
                : Map.of("skipped", "a photo or an upload uses this content again"));
    }
}

package dev.lightbox.library.service;

import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobType;
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
class ContentDeletionJob implements JobHandler<ContentDeletionJob.Payload> {

    /** The content, and the object keys it had when it was deleted (reported back in the result). */
    record Payload(String sha256, List<String> keys) {
    }

    static final JobType<Payload> TYPE = JobType.of("library.delete-content", "Delete stored files", JobQueue.CPU, Payload.class);

    private final ContentCleaner cleaner;

    ContentDeletionJob(ContentCleaner cleaner) {
        this.cleaner = cleaner;
    }

    static JobRequest<Payload> request(UUID ownerId, String sha256) {
        List<String> keys = List.of(PhotoKeys.original(sha256), PhotoKeys.preview(sha256), PhotoKeys.thumbnail(sha256));
        return JobRequest.of(TYPE, ownerId, new Payload(sha256, keys)).withMaxAttempts(10);
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context, Payload payload) {
        boolean deleted = cleaner.deleteIfUnreferenced(payload.sha256(), null);
        context.result(deleted ? Map.of("deleted", payload.keys())
                : Map.of("skipped", "a photo or an upload uses this content again"));
    }
}

package dev.lightbox.library.service;

import dev.lightbox.account.service.AccountDeleting;
import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobType;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A deleted account's stored originals and renditions: in the deletion's transaction, the contents only that account
 * holds are handed to this job (owner null, so its row outlives the account's; batches of {@value #BATCH}); after
 * the commit it deletes each content's objects as {@link ContentDeletionJob} does, re-checking first, so a content
 * someone uploaded meanwhile (or another user still holds) stays. A content it removes is also forgotten
 * ({@link ContentForgotten}): its attributes, score inputs and descriptions were built from the account's photos.
 */
@Component
class AccountContentDeletion implements JobHandler<AccountContentDeletion.Payload> {

    static final int BATCH = 500;

    record Payload(List<String> sha256s) {
    }

    static final JobType<Payload> TYPE = JobType.of("library.delete-contents", "Delete stored files of a deleted account", JobQueue.CPU,
            Payload.class);

    private final PhotoService photos;
    private final ContentCleaner cleaner;
    private final JobService jobs;

    AccountContentDeletion(PhotoService photos, ContentCleaner cleaner, JobService jobs) {
        this.photos = photos;
        this.cleaner = cleaner;
        this.jobs = jobs;
    }

    @EventListener
    void onAccountDeleting(AccountDeleting deleting) {
        List<String> contents = photos.contentsOnlyOf(deleting.userId());
        for (int i = 0; i < contents.size(); i += BATCH) {
            List<String> batch = List.copyOf(contents.subList(i, Math.min(contents.size(), i + BATCH)));
            jobs.enqueue(JobRequest.of(TYPE, null, new Payload(batch)).withMaxAttempts(10));
        }
    }

    /** The hashes of a deleted account's private contents do not outlive the work. */
    @Override
    public boolean forgetsPayloadWhenDone() {
        return true;
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context, Payload payload) {
        int deleted = 0;
        int done = 0;
        for (String sha256 : payload.sha256s()) {
            if (cleaner.deleteIfUnreferenced(sha256, null, true)) deleted++;
            context.progress((double) ++done / payload.sha256s().size(), "delete", null);
        }
        context.result(Map.of("deleted", deleted, "kept", payload.sha256s().size() - deleted));
    }
}

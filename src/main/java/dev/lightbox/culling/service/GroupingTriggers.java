package dev.lightbox.culling.service;

import dev.lightbox.analysis.service.ContentAnalysed;
import dev.lightbox.analysis.service.PerceptualHashesAdded;
import dev.lightbox.analysis.service.SyncedAnalysisStored;
import dev.lightbox.culling.domain.GroupRepository;
import dev.lightbox.jobs.JobService;
import dev.lightbox.library.service.PhotoAdded;
import dev.lightbox.library.service.PhotoDeleted;
import java.util.UUID;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps groups up to date: a photo added or deleted, a content analysed (its hash is new) or hashes
 * added to older photos, or a device's analysis synced each queue a regrouping of the owner's library, in the transaction that made
 * the change (so the request exists exactly when the change does). Libraries never grouped are queued at startup.
 */
@Component
class GroupingTriggers {

    private final GroupRepository groups;
    private final JobService jobs;

    GroupingTriggers(GroupRepository groups, JobService jobs) {
        this.groups = groups;
        this.jobs = jobs;
    }

    /** Joins the caller's transaction, if any (the lock is then held until it commits). */
    void regroup(UUID owner) {
        groups.lockRequests(owner, false);
        jobs.enqueue(GroupingJob.request(owner));
    }

    @EventListener
    void onPhotoAdded(PhotoAdded photo) {
        regroup(photo.ownerId());
    }

    @EventListener
    void onPhotoDeleted(PhotoDeleted photo) {
        regroup(photo.ownerId());
    }

    @EventListener
    @Transactional
    void onContentAnalysed(ContentAnalysed analysed) {
        groups.ownersOf(analysed.sha256()).forEach(this::regroup);
    }

    /** In the sync call's transaction: one request per owner however many photos the call stored (the enqueue dedupes). */
    @EventListener
    void onSyncedAnalysisStored(SyncedAnalysisStored stored) {
        regroup(stored.ownerId());
    }

    @EventListener
    void onHashesAdded(PerceptualHashesAdded added) {
        regroup(added.ownerId());
    }

    @EventListener(ApplicationReadyEvent.class)
    void groupLibrariesNeverGrouped() {
        groups.ownersNeverGrouped().forEach(this::regroup);
    }
}

package dev.lightbox.skin.service;

import dev.lightbox.account.service.AccountDeleting;
import dev.lightbox.jobs.JobService;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.skin.domain.SkinRepository;
import dev.lightbox.storage.ObjectDeletionJob;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In an account deletion's transaction: the skin analyses of contents only that account holds go (its check-ins go by
 * cascade), and their face crops after the commit, through the deletion outbox.
 */
@Component
class AccountSkinDeletion {

    private final SkinRepository repository;
    private final PhotoService photos;
    private final JobService jobs;

    AccountSkinDeletion(SkinRepository repository, PhotoService photos, JobService jobs) {
        this.repository = repository;
        this.photos = photos;
        this.jobs = jobs;
    }

    @EventListener
    void onAccountDeleting(AccountDeleting deleting) {
        List<String> keys = repository.deleteAnalysesOfOwnerOnly(deleting.userId(), photos.contentsOnlyOf(deleting.userId()));
        ObjectDeletionJob.requests(keys, List.of()).forEach(jobs::enqueue);
    }
}

package dev.lightbox.training.service;

import dev.lightbox.account.service.AccountDeleting;
import dev.lightbox.jobs.JobService;
import dev.lightbox.storage.ObjectDeletionJob;
import dev.lightbox.training.domain.ModelRepository;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * In an account deletion's transaction: the files of its models ({@code models/{id}/}) go after the commit, through
 * the deletion outbox, and the loaded models leave this node's cache.
 */
@Component
class AccountModelsDeletion {

    private final ModelRepository models;
    private final JobService jobs;
    private final Classifier classifier;

    AccountModelsDeletion(ModelRepository models, JobService jobs, Classifier classifier) {
        this.models = models;
        this.jobs = jobs;
        this.classifier = classifier;
    }

    @EventListener
    void onAccountDeleting(AccountDeleting deleting) {
        List<UUID> ids = models.idsOf(deleting.userId());
        ObjectDeletionJob.requests(List.of(), ids.stream().map(id -> "models/" + id + "/").toList()).forEach(jobs::enqueue);
        if (ids.isEmpty() || !TransactionSynchronizationManager.isSynchronizationActive()) return;
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                ids.forEach(classifier::evict);
            }
        });
    }
}

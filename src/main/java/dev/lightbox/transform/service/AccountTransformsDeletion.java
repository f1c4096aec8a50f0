package dev.lightbox.transform.service;

import dev.lightbox.account.service.AccountDeleting;
import dev.lightbox.jobs.JobService;
import dev.lightbox.storage.ObjectDeletionJob;
import dev.lightbox.transform.domain.TransformRepository;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** In an account deletion's transaction: every object under {@code results/{id}/} of its transforms goes after the commit. */
@Component
class AccountTransformsDeletion {

    private final TransformRepository transforms;
    private final JobService jobs;

    AccountTransformsDeletion(TransformRepository transforms, JobService jobs) {
        this.transforms = transforms;
        this.jobs = jobs;
    }

    @EventListener
    void onAccountDeleting(AccountDeleting deleting) {
        List<String> prefixes = transforms.idsOf(deleting.userId()).stream().map(TransformResults::folder).toList();
        ObjectDeletionJob.requests(List.of(), prefixes).forEach(jobs::enqueue);
    }
}

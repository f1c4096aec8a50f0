package dev.lightbox.skin.service;

import dev.lightbox.skin.domain.SkinRepository;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records how a check-in's job ended, once, and then (after the commit) publishes {@link SkinCheckinFinished}.
 * A check-in removed meanwhile, or re-added with another job, is left alone and announces nothing.
 */
@Component
class SkinOutcomes {

    private final SkinRepository repository;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final SkinJson json;

    SkinOutcomes(SkinRepository repository, TransactionTemplate transaction, ApplicationEventPublisher events, SkinJson json) {
        this.repository = repository;
        this.transaction = transaction;
        this.events = events;
        this.json = json;
    }

    /** The job {@code jobId} measured (or refused) the check-in of {@code photoId} with analysis {@code analyserVersion}. */
    void measured(UUID photoId, UUID jobId, int analyserVersion) {
        Optional<SkinRepository.CheckinRow> recorded = transaction.execute(status ->
                repository.recordMeasured(photoId, jobId, analyserVersion) ? repository.checkinByJob(jobId) : Optional.empty());
        recorded.ifPresent(this::announce);
    }

    /** The job {@code jobId} failed for good (or was cancelled); true when this call recorded it (one node does). */
    boolean failed(UUID jobId, String reason) {
        Optional<SkinRepository.CheckinRow> recorded = transaction.execute(status ->
                repository.recordFailed(jobId, reason) ? repository.checkinByJob(jobId) : Optional.empty());
        recorded.ifPresent(this::announce);
        return recorded.isPresent();
    }

    private void announce(SkinRepository.CheckinRow row) {
        Checkin checkin = Checkins.of(row, json);
        events.publishEvent(new SkinCheckinFinished(row.ownerId(), row.photoId(), checkin.source(), checkin.status(), checkin.reason()));
    }
}

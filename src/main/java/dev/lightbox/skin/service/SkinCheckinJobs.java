package dev.lightbox.skin.service;

import dev.lightbox.analysis.service.AnalysisService;
import dev.lightbox.analysis.service.ContentAnalysed;
import dev.lightbox.jobs.JobEvent;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.library.service.PhotoAdded;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.skin.domain.SkinRepository;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues a check-in's {@code skin.analyse} job only once its photo's analysis (the faces) exists: at check-in
 * when it does, else when the content is analysed ({@link ContentAnalysed}). A check-in whose analysis fails
 * for good (or is cancelled) fails with the reason and announces it.
 * <p>
 * Why the content lock: a check-in committing while the content's analysis commits could otherwise see no
 * analysis (not yet committed) while the analysis's listener sees no check-in (not yet committed), and the
 * check-in would wait forever. Both sides take the same transaction-scoped lock on the content and look only
 * after getting it, so whichever goes second sees what the first committed. The same holds for an analysis
 * failing for good: its listener fails the waiting check-ins under that lock.
 */
@Component
class SkinCheckinJobs implements DisposableBean {

    private final SkinRepository repository;
    private final AnalysisService analyses;
    private final JobService jobs;
    private final PhotoService photos;
    private final SkinOutcomes outcomes;
    private final JobEvents.Subscription subscription;

    SkinCheckinJobs(SkinRepository repository, AnalysisService analyses, JobService jobs, PhotoService photos, SkinOutcomes outcomes,
                    JobEvents events) {
        this.repository = repository;
        this.analyses = analyses;
        this.jobs = jobs;
        this.photos = photos;
        this.outcomes = outcomes;
        this.subscription = events.subscribe(this::onJobEvent);
    }

    /**
     * In the caller's transaction: adds the check-in of {@code photo} (false when it is in the diary already) and
     * queues its skin job if the content is analysed, else waits on the content's analysis job (queueing one
     * if none is queued or running, e.g. after one failed).
     */
    boolean add(PhotoAdded photo, LocalDateTime takenAt, CheckinSource source, Instant addedAt) {
        repository.lockContent(photo.sha256());
        boolean analysed = analyses.findAnalysis(photo.sha256()).isPresent();
        UUID analysisJob = analysed ? null : analyses.analyse(photo);
        if (!repository.insertCheckin(photo.photoId(), photo.ownerId(), photo.sha256(), takenAt, source.name(), addedAt, analysisJob)) {
            return false;
        }
        if (analysed) repository.setJob(photo.photoId(), jobs.enqueue(SkinAnalyseJob.request(photo, addedAt)));
        return true;
    }

    /** Runs in the analysis's save transaction: the skin jobs exist exactly when the analysis does. */
    @EventListener
    @Transactional
    void onContentAnalysed(ContentAnalysed analysed) {
        repository.lockContent(analysed.sha256());
        Map<UUID, List<SkinRepository.WaitingCheckin>> byOwner = repository.waiting(analysed.sha256()).stream()
                .collect(Collectors.groupingBy(SkinRepository.WaitingCheckin::ownerId));
        byOwner.forEach((owner, waiting) -> {
            Map<UUID, PhotoAdded> facts = photos.contents(owner, waiting.stream().map(SkinRepository.WaitingCheckin::photoId).toList()).stream()
                    .collect(Collectors.toMap(PhotoAdded::photoId, Function.identity()));
            for (SkinRepository.WaitingCheckin checkin : waiting) {
                PhotoAdded photo = facts.get(checkin.photoId());
                if (photo != null) repository.setJob(photo.photoId(), jobs.enqueue(SkinAnalyseJob.request(photo, checkin.addedAt())));
            }
        });
    }

    private void onJobEvent(JobEvent event) {
        if (!AnalysisService.isPhotoAnalysis(event.type())) return;
        if (event.status() != JobStatus.FAILED && event.status() != JobStatus.CANCELLED) return;
        Set<String> contents = new LinkedHashSet<>();
        UUID owner = event.ownerId();
        UUID subject = event.subjectId();
        // the analysed photo's content, whose lock a check-in still committing holds; and those of committed waiters
        if (owner != null && subject != null) photos.contents(owner, Set.of(subject)).forEach(p -> contents.add(p.sha256()));
        contents.addAll(repository.contentsWaitingOn(event.id()));
        if (contents.isEmpty()) return;
        String reason = reason(event, owner);
        for (String sha256 : contents) outcomes.analysisFailed(sha256, event.id(), reason);
    }

    private String reason(JobEvent event, @Nullable UUID owner) {
        if (event.status() == JobStatus.CANCELLED) return "The photo could not be analysed: its analysis was cancelled.";
        var job = owner == null ? null : jobs.find(owner, event.id()).orElse(null);
        String cause = job == null ? null : SkinFailures.plainCause(job.error());
        if (cause != null) return "The photo could not be analysed: " + cause;
        return job == null ? "The photo could not be analysed." : "The photo could not be analysed: its analysis failed after " + job.attempts()
                + " attempt" + (job.attempts() == 1 ? "" : "s") + ".";
    }

    @Override
    public void destroy() {
        subscription.close();
    }
}

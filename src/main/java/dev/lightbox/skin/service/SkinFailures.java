package dev.lightbox.skin.service;

import dev.lightbox.jobs.JobEvent;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.jobs.JobView;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * A {@code skin.analyse} job that failed for good (attempts used up) or was cancelled leaves its check-in
 * failed with the reason. Every node hears the job's final state; the one whose update records it publishes
 * {@link SkinCheckinFinished}. (A node that missed the event still shows the check-in failed: the diary
 * reads a pending check-in's job.)
 */
@Component
class SkinFailures implements DisposableBean {

    private final JobService jobs;
    private final SkinOutcomes outcomes;
    private final JobEvents.Subscription subscription;

    SkinFailures(JobEvents events, JobService jobs, SkinOutcomes outcomes) {
        this.jobs = jobs;
        this.outcomes = outcomes;
        this.subscription = events.subscribe(this::onJobEvent);
    }

    private void onJobEvent(JobEvent event) {
        if (!SkinAnalyseJob.TYPE.is(event.type()) || event.ownerId() == null) return;
        if (event.status() != JobStatus.FAILED && event.status() != JobStatus.CANCELLED) return;
        jobs.find(event.ownerId(), event.id()).ifPresent(job -> outcomes.failed(job.id(), reason(job)));
    }

    /** One sentence: why the job ended without a result. */
    static String reason(JobView job) {
        if (job.status() == JobStatus.CANCELLED) return "The analysis was cancelled.";
        String error = job.error();
        if (error == null || error.isBlank()) return "The analysis failed.";
        int colon = error.indexOf(": ");
        String cause = colon > 0 && error.substring(0, colon).matches("[A-Za-z0-9_$]+") ? error.substring(colon + 2) : error;
        return "The analysis failed after " + job.attempts() + " attempt" + (job.attempts() == 1 ? "" : "s") + ": " + cause;
    }

    @Override
    public void destroy() {
        subscription.close();
    }
}

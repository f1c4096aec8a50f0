package dev.lightbox.skin.service;

import dev.lightbox.jobs.JobEvent;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.jobs.JobView;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
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

    /** One sentence: why the job ended without a result (never an object key or stack text). */
    static String reason(JobView job) {
        if (job.status() == JobStatus.CANCELLED) return "The analysis was cancelled.";
        String failed = "The analysis failed after " + job.attempts() + " attempt" + (job.attempts() == 1 ? "" : "s");
        String cause = plainCause(job.error());
        return cause == null ? failed + "." : failed + ": " + cause;
    }

    /**
     * A job error's message without its exception class, when it is one plain sentence fit for users; null when
     * it is missing or names internals (object keys, paths, classes, stack text).
     */
    static @Nullable String plainCause(@Nullable String error) {
        if (error == null || error.isBlank()) return null;
        String line = error.strip().lines().findFirst().orElse("");
        int colon = line.indexOf(": ");
        if (colon > 0 && line.substring(0, colon).matches("[A-Za-z0-9_$.]+")) line = line.substring(colon + 2).strip();
        if (line.isEmpty() || line.length() > 200 || INTERNALS.matcher(line).find()) return null;
        return line.endsWith(".") ? line : line + ".";
    }

    private static final Pattern INTERNALS = Pattern.compile("[/\\\\]|Exception|Error\\b|\\bat [a-z]|\\(Service:|[a-z]+\\.[a-z]+\\.[A-Za-z]");

    @Override
    public void destroy() {
        subscription.close();
    }
}

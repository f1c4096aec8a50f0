package dev.lightbox.analysis.service;

import dev.lightbox.analysis.Attribute;
import dev.lightbox.analysis.domain.AnalysisRepository;
import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobType;
import dev.lightbox.library.service.PhotoAdded;
import dev.lightbox.library.service.PhotoService;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.UUID;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gives contents analysed before the perceptual hash existed their hash, without re-analysing them: a
 * small working copy (reduced decode, {@link #PIXELS}) is enough for a 32 × 32 hash. Queued at startup
 * for each owner with such contents, once per owner (deduplicated); a content that fails to decode is
 * skipped and counted. Cheaper than an analyzer version bump, which would mark every analysis outdated
 * and redo BRISQUE and faces on the full working copy for one 64-bit value.
 */
@Component
class PerceptualHashBackfillJob implements JobHandler<PerceptualHashBackfillJob.Payload> {

    /** Nothing: the job's owner is whose library is walked. */
    record Payload() {
    }

    /** What a finished run reports: contents hashed, and those whose original could not be read. */
    record Result(int hashed, int failed) {
    }

    static final JobType<Payload> TYPE = JobType.of("analysis.perceptual-hash", "Perceptual hashes for older photos", JobQueue.CPU,
            Payload.class);
    static final long PIXELS = 250_000;
    private static final Logger log = LoggerFactory.getLogger(PerceptualHashBackfillJob.class);

    private final AnalysisRepository repository;
    private final PhotoService photos;
    private final JobService jobs;
    private final ApplicationEventPublisher events;

    PerceptualHashBackfillJob(AnalysisRepository repository, PhotoService photos, JobService jobs, ApplicationEventPublisher events) {
        this.repository = repository;
        this.photos = photos;
        this.jobs = jobs;
        this.events = events;
    }

    static JobRequest<Payload> request(UUID owner) {
        return JobRequest.of(TYPE, owner, new Payload()).dedupedBy(TYPE.name() + ":v1:" + owner);
    }

    @EventListener(ApplicationReadyEvent.class)
    void queueForOlderLibraries() {
        repository.ownersMissing(Attribute.PERCEPTUAL_HASH.key()).forEach(owner -> jobs.enqueue(request(owner)));
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context, Payload payload) throws Exception {
        UUID owner = context.ownerId();
        if (owner == null) throw new IllegalStateException("a perceptual hash backfill needs an owner");
        Set<String> missing = repository.contentsMissing(owner, Attribute.PERCEPTUAL_HASH.key());
        var contents = new LinkedHashMap<String, PhotoAdded>();
        photos.originals(owner).stream().filter(p -> missing.contains(p.sha256())).forEach(p -> contents.putIfAbsent(p.sha256(), p));
        int hashed = 0;
        int failed = 0;
        for (PhotoAdded p : contents.values()) {
            try (PointerScope scope = new PointerScope();
                 Mat working = photos.workingCopy(p.sha256(), p.format(), p.sizeBytes(), p.storedWidth(), p.storedHeight(), p.orientation(),
                         PIXELS)) {
                repository.addAttribute(p.sha256(), Attribute.PERCEPTUAL_HASH.key(), PerceptualHash.hex(PerceptualHash.of(working)));
                hashed++;
            } catch (Exception unreadable) {
                failed++;
                log.warn("No perceptual hash for content {}: {}", p.sha256(), unreadable.toString());
            }
            if ((hashed + failed) % 100 == 0) context.progress((hashed + failed) / (double) contents.size(), "hash", hashed + " hashed");
        }
        if (hashed > 0) events.publishEvent(new PerceptualHashesAdded(owner, hashed));
        context.result(new Result(hashed, failed));
    }
}

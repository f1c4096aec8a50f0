package dev.lightbox.vision.service;

import dev.lightbox.billing.service.CreditService;
import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobType;
import dev.lightbox.library.service.PhotoAdded;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.vision.domain.VisionRepository;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Describe with AI" for one photo: makes sure its price is held, answers from the cache when these bytes were
 * described by this model before (and gives the reservation back), else sends the preview to the model, asks
 * once more when the answer is not valid JSON of the schema, and stores the description and the photo's link in
 * one transaction. Any failure fails the job for good (one attempt: each attempt costs the provider money and
 * the client already retried once), and billing refunds it; nothing is stored for the photo.
 */
@Component
class DescribeJob implements JobHandler<DescribeJob.Payload> {

    /** {@code fromCache}: queued free because the answer was cached; such a job never calls the model (nobody paid for it). */
    record Payload(UUID photoId, boolean fromCache) {
    }

    static final JobType<Payload> TYPE = JobType.of("vision.describe", "Describe with AI", JobQueue.CPU, Payload.class);
    /** Calls per describe: the first, and one more when the answer was not valid. */
    static final int CALLS = 2;

    private static final Logger log = LoggerFactory.getLogger(DescribeJob.class);

    private final CreditService credits;
    private final PhotoService photos;
    private final VisionRepository repository;
    private final VisionClient client;
    private final VisionPreview preview;
    private final DescriptionStore store;
    private final Clock clock;

    DescribeJob(CreditService credits, PhotoService photos, VisionRepository repository, VisionClient client, VisionPreview preview,
                DescriptionStore store, Clock clock) {
        this.credits = credits;
        this.photos = photos;
        this.repository = repository;
        this.client = client;
        this.preview = preview;
        this.store = store;
        this.clock = clock;
    }

    /** What a finished run reports: the model, whether the cache answered, how many calls were made. */
    record Result(String model, boolean cached, int calls) {
    }

    static JobRequest<Payload> request(UUID owner, UUID photoId, boolean fromCache) {
        // below the default: a big selection waiting on a remote model must not hold back thumbnails and analysis of new uploads
        return JobRequest.of(TYPE, owner, new Payload(photoId, fromCache)).about(photoId).withMaxAttempts(1).withPriority(-10);
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context, Payload payload) throws Exception {
        credits.requireHeld(context.jobId());
        UUID owner = context.ownerId();
        if (owner == null) throw new IllegalStateException("a describe job needs an owner");
        List<PhotoAdded> found = photos.originals(owner, List.of(payload.photoId()));
        if (found.isEmpty()) throw new IllegalStateException("The photo was deleted, or has no original here, before it could be described.");
        PhotoAdded photo = found.getFirst();
        String model = client.model();
        if (repository.cached(photo.sha256(), model).isPresent()) {
            store.link(owner, photo.photoId(), photo.sha256(), model);
            credits.release(context.jobId(), "Already described");
            context.progress(1, "done", "Described before by " + model + ": nothing charged");
            context.result(new Result(model, true, 0));
            return;
        }
        if (payload.fromCache()) {
            throw new IllegalStateException("The description this was queued for is no longer cached (the model changed): ask again.");
        }
        context.progress(0.1, "preview", "Preparing preview");
        byte[] jpeg = preview.jpeg(photo);
        VisionAnswer answer = null;
        int calls = 0;
        while (answer == null) {
            calls++;
            double fraction = calls == 1 ? 0.3 : 0.6;
            String asking = calls == 1 ? "Asking " + model : "Asking " + model + " again (the answer was not valid)";
            context.progress(fraction, "ask", asking);
            String text = client.describe(jpeg, () -> context.progress(fraction, "ask", asking));
            try {
                answer = VisionAnswer.parse(text);
            } catch (VisionAnswer.Invalid invalid) {
                log.info("Vision answer for job {} refused ({} of {}): {}", context.jobId(), calls, CALLS, invalid.getMessage());
                if (calls >= CALLS) throw new IllegalStateException("The vision model's answer was not valid twice: " + invalid.getMessage());
            }
        }
        context.progress(0.9, "save", "Saving");
        store.save(owner, photo, model, answer, clock.instant());
        context.progress(1, "done", "Described by " + model);
        context.result(new Result(model, false, calls));
    }
}

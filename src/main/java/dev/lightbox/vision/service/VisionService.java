package dev.lightbox.vision.service;

import dev.lightbox.billing.service.CreditService;
import dev.lightbox.billing.service.CreditsProperties;
import dev.lightbox.jobs.JobService;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.library.service.PhotoWithoutOriginalException;
import dev.lightbox.vision.domain.VisionRepository;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Describe with AI": a remote vision model's caption, subjects, setting, mood, tags and aesthetic mark for a
 * user's photo, for credits. Asking about bytes this model described before (anyone's photo with the same
 * content) costs nothing: a free job links the cached answer. Off unless {@code LIGHTBOX_VISION_URL} is set.
 */
@Service
public class VisionService {

    private final VisionClient client;
    private final VisionRepository repository;
    private final PhotoService photos;
    private final JobService jobs;
    private final CreditService credits;
    private final CreditsProperties prices;

    VisionService(VisionClient client, VisionRepository repository, PhotoService photos, JobService jobs, CreditService credits,
                  CreditsProperties prices) {
        this.client = client;
        this.repository = repository;
        this.photos = photos;
        this.jobs = jobs;
        this.credits = credits;
        this.prices = prices;
    }

    /** Whether a provider is configured ({@code LIGHTBOX_VISION_URL} set). */
    public boolean enabled() {
        return client.enabled();
    }

    /** The model asked; IllegalStateException when no provider is configured. */
    public String model() {
        return client.model();
    }

    /** Credits one description costs ({@code LIGHTBOX_CREDITS_PRICE_VISION}); a cached one costs nothing. */
    public long price() {
        return prices.priceVision();
    }

    /**
     * Empty when the owner has no such photo. Cache hit for (sha256, model): a free job (no reservation) that
     * links the cached answer, {@code cached = true}. Otherwise the job is enqueued with its price reserved.
     * Throws {@link dev.lightbox.billing.service.InsufficientCreditsException} (answered 402; nothing queued) and
     * {@link VisionUnavailableException} (an IllegalStateException) when no provider is configured (answered 409), and
     * {@link PhotoWithoutOriginalException} (also answered 409, nothing charged) for a photo synced without its original.
     */
    @Transactional
    public Optional<DescribeStarted> describe(UUID ownerId, UUID photoId) {
        Optional<PhotoView> photo = photos.find(ownerId, photoId);
        if (photo.isPresent() && !photo.get().hasOriginal()) throw new PhotoWithoutOriginalException("Describe with AI");
        if (!enabled()) throw new VisionUnavailableException();
        if (photo.isEmpty()) return Optional.empty();
        if (repository.cached(photo.get().sha256(), model()).isPresent()) {
            return Optional.of(new DescribeStarted(jobs.enqueue(DescribeJob.request(ownerId, photoId, true)), true));
        }
        return Optional.of(new DescribeStarted(credits.enqueuePaid(ownerId, price(), "Describe a photo with AI",
                DescribeJob.request(ownerId, photoId, false)), false));
    }

    /** The latest description linked to this photo of the owner's (the photo page shows it). */
    @Transactional(readOnly = true)
    public Optional<VisionDescription> find(UUID ownerId, UUID photoId) {
        return repository.linked(ownerId, photoId).map(VisionService::description);
    }

    static VisionDescription description(VisionRepository.Stored d) {
        return new VisionDescription(d.caption(), d.subjects(), d.setting(), d.mood(), d.tags(), d.aesthetic(), d.model(), d.describedAt());
    }
}

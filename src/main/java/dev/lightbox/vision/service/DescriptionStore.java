package dev.lightbox.vision.service;

import dev.lightbox.library.service.ContentForgotten;
import dev.lightbox.library.service.PhotoAdded;
import dev.lightbox.library.service.PhotoSearch;
import dev.lightbox.vision.PhotoDescribed;
import dev.lightbox.vision.domain.VisionRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a description and its photo's link in one transaction, with the photo's searchable words (the
 * library's table, through its service) and the event that re-scores it.
 */
@Component
class DescriptionStore {

    static final String SEARCH_SOURCE = "vision";

    private final VisionRepository repository;
    private final PhotoSearch search;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DescriptionStore(VisionRepository repository, PhotoSearch search, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.search = search;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void onContentForgotten(ContentForgotten content) {
        repository.deleteContent(content.sha256());
    }

    @Transactional
    void save(UUID owner, PhotoAdded photo, String model, VisionAnswer a, Instant at) {
        repository.save(new VisionRepository.Stored(photo.sha256(), model, a.caption(), a.subjects(), a.setting(), a.mood(), a.tags(),
                a.aesthetic(), at));
        link(owner, photo.photoId(), photo.sha256(), model);
    }

    /** Links the owner's photo to the cached description (which must exist); nothing when the photo is gone. */
    @Transactional
    void link(UUID owner, UUID photoId, String sha256, String model) {
        if (repository.link(owner, photoId, sha256, model, clock.instant()) == 0) {
            throw new IllegalStateException("The photo was deleted before its description could be saved.");
        }
        repository.cached(sha256, model).ifPresent(d -> search.replace(owner, photoId, SEARCH_SOURCE,
                d.caption() + "\n" + String.join(" ", d.tags())));
        events.publishEvent(new PhotoDescribed(owner, photoId, sha256));
    }
}

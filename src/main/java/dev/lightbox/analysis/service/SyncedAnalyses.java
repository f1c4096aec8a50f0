package dev.lightbox.analysis.service;

import dev.lightbox.analysis.domain.SyncedAnalysisRepository;
import dev.lightbox.library.service.PhotoDeleted;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The attributes a user's device computed for their photos, kept per (owner, sha256) and never shared with
 * another user's photo of the same bytes. Values are checked by the caller against {@link dev.lightbox.analysis.Attribute#problem}.
 */
@Service
public class SyncedAnalyses {

    public enum Change { CREATED, UPDATED, UNCHANGED }

    /**
     * One of the owner's photos whose effective analysis (the server's analysis of its bytes when there is one,
     * else the owner's synced one) was stored at {@code changedAt}.
     */
    public record Changed(UUID photoId, String sha256, int analyzerVersion, Map<String, Object> attributes, Instant analysedAt,
                          Instant changedAt) {
    }

    private final SyncedAnalysisRepository repository;
    private final ApplicationEventPublisher events;

    SyncedAnalyses(SyncedAnalysisRepository repository, ApplicationEventPublisher events) {
        this.repository = repository;
        this.events = events;
    }

    /** Stores the device's analysis in the caller's transaction; publishes {@link SyncedAnalysisStored} when it created or changed one. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Change save(UUID ownerId, UUID photoId, String sha256, int analyzerVersion, Map<String, Object> attributes, Instant analysedAt) {
        return java.util.Objects.requireNonNull(saveAll(ownerId, List.of(new ToSave(photoId, sha256, analyzerVersion, attributes, analysedAt)))
                .get(sha256));
    }

    /** A device's analysis of one of the owner's photos, to store with {@link #saveAll}. */
    public record ToSave(UUID photoId, String sha256, int analyzerVersion, Map<String, Object> attributes, Instant analysedAt) {
    }

    /** {@link #save} for many distinct contents in one statement: what each save did, by content. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, Change> saveAll(UUID ownerId, List<ToSave> all) {
        Map<String, SyncedAnalysisRepository.Saved> saved = repository.saveAll(ownerId, all.stream()
                .map(a -> new SyncedAnalysisRepository.ToSave(a.sha256(), a.analyzerVersion(), a.attributes(), a.analysedAt())).toList());
        var changes = new java.util.HashMap<String, Change>();
        for (ToSave a : all) {
            Change change = change(java.util.Objects.requireNonNull(saved.get(a.sha256())));
            changes.put(a.sha256(), change);
            if (change != Change.UNCHANGED) events.publishEvent(new SyncedAnalysisStored(ownerId, a.photoId(), a.sha256()));
        }
        return changes;
    }

    private static Change change(SyncedAnalysisRepository.Saved saved) {
        return switch (saved) {
            case INSERTED -> Change.CREATED;
            case UPDATED -> Change.UPDATED;
            case UNCHANGED -> Change.UNCHANGED;
        };
    }

    /** In the deletion's transaction: the device's analysis goes with the owner's photo (a later sync stores it again). */
    @EventListener
    void onPhotoDeleted(PhotoDeleted deleted) {
        repository.delete(deleted.ownerId(), deleted.sha256());
    }

    public Optional<AnalysisService.Analysis> find(UUID ownerId, String sha256) {
        return repository.find(ownerId, sha256).map(s -> new AnalysisService.Analysis(s.analyzerVersion(), s.attributes()));
    }

    /** Changes at or after {@code since}, oldest first, after the keyset position (changedAt, sha256) when given. */
    public List<Changed> changedSince(UUID ownerId, Instant since, @Nullable Instant afterChangedAt, @Nullable String afterSha256, int limit) {
        return repository.changedSince(ownerId, since, afterChangedAt, afterSha256, limit).stream()
                .map(c -> new Changed(c.photoId(), c.sha256(), c.analyzerVersion(), c.attributes(), c.analysedAt(), c.changedAt()))
                .toList();
    }

    /** The owner's synced analyses of these contents that exist, by content (one statement per 1,000 hashes). */
    public Map<String, AnalysisService.Analysis> find(UUID ownerId, Collection<String> sha256s) {
        return repository.find(ownerId, sha256s).values().stream().collect(Collectors.toMap(SyncedAnalysisRepository.StoredSync::sha256,
                s -> new AnalysisService.Analysis(s.analyzerVersion(), s.attributes())));
    }
}

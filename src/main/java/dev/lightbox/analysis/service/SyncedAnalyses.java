package dev.lightbox.analysis.service;

import dev.lightbox.analysis.domain.SyncedAnalysisRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
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
        Change change = switch (repository.save(ownerId, sha256, analyzerVersion, attributes, analysedAt)) {
            case INSERTED -> Change.CREATED;
            case UPDATED -> Change.UPDATED;
            case UNCHANGED -> Change.UNCHANGED;
        };
        if (change != Change.UNCHANGED) events.publishEvent(new SyncedAnalysisStored(ownerId, photoId, sha256));
        return change;
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

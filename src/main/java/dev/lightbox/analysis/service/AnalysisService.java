package dev.lightbox.analysis.service;

import dev.lightbox.analysis.domain.AnalysisRepository;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobType;
import dev.lightbox.base.audit.AdminAction;
import dev.lightbox.base.audit.AdminAudit;
import dev.lightbox.jobs.JobService;
import dev.lightbox.library.service.ContentForgotten;
import dev.lightbox.library.service.PhotoAdded;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Analyses each new content once per analyzer version: a photo added with bytes already analysed (by
 * anyone) costs nothing; otherwise one deduplicated analysis job is enqueued with the photo's row.
 * A content keeps the result of the newest version that analysed it: results of an older analyzer stay
 * in use (status {@code outdated}) until "re-analyse library" replaces them.
 */
@Service
public class AnalysisService {

    private final JobService jobs;
    private final AnalysisRepository repository;
    private final ApplicationEventPublisher events;
    private final List<OwnerAttributes> ownerAttributes;
    private final SyncedAnalyses synced;
    private final AdminAudit audit;

    AnalysisService(JobService jobs, AnalysisRepository repository, ApplicationEventPublisher events, List<OwnerAttributes> ownerAttributes,
                    SyncedAnalyses synced, AdminAudit audit) {
        this.synced = synced;
        this.audit = audit;
        this.jobs = jobs;
        this.repository = repository;
        this.events = events;
        this.ownerAttributes = ownerAttributes;
    }

    /**
     * A user's photo's attributes: its effective analysis ({@link #findAnalysis(UUID, String)}), with what
     * belongs to the user's photo added; empty while neither the server nor the user's device analysed it.
     */
    public Optional<Map<String, Object>> find(UUID ownerId, UUID photoId, String sha256) {
        return findAnalysis(ownerId, sha256).map(analysis -> withOwnerAttributes(analysis.attributes(), ownerId, photoId));
    }

    /**
     * The effective analysis of a user's content: for a synced row only the user's synced one (the server's analysis
     * of the same bytes comes from another user's upload and is not theirs to read); for an uploaded photo the
     * server's analysis of the bytes when there is one, else the user's synced one (never another user's, see 025-sync).
     */
    public Optional<Analysis> findAnalysis(UUID ownerId, String sha256) {
        if (!repository.syncedAmong(ownerId, List.of(sha256)).isEmpty()) return synced.find(ownerId, sha256);
        return findAnalysis(sha256).or(() -> synced.find(ownerId, sha256));
    }

    /** The effective attributes ({@link #findAnalysis(UUID, String)}) of each of a user's contents that has any, by content hash. */
    public Map<String, Map<String, Object>> find(UUID ownerId, Collection<String> sha256s) {
        Set<String> syncedRows = repository.syncedAmong(ownerId, sha256s);
        Map<String, Map<String, Object>> found = find(sha256s.stream().filter(sha -> !syncedRows.contains(sha)).toList());
        var rest = sha256s.stream().filter(sha -> !found.containsKey(sha)).toList();
        if (!rest.isEmpty()) synced.find(ownerId, rest).forEach((sha256, analysis) -> found.put(sha256, analysis.attributes()));
        return found;
    }

    private static Analysis analysis(AnalysisRepository.StoredAnalysis stored) {
        return new Analysis(stored.analyzerVersion(), stored.attributes());
    }

    /** {@code content} with what belongs to this user's photo (from every {@link OwnerAttributes}) added. */
    public Map<String, Object> withOwnerAttributes(Map<String, Object> content, UUID ownerId, UUID photoId) {
        var all = new java.util.LinkedHashMap<String, Object>(content);
        ownerAttributes.forEach(source -> all.putAll(source.attributes(ownerId, photoId)));
        return all;
    }

    /** The user-specific attributes of every photo of the owner that has any, merged across sources. */
    public Map<UUID, Map<String, Object>> ownerAttributes(UUID ownerId) {
        var merged = new java.util.HashMap<UUID, Map<String, Object>>();
        for (OwnerAttributes source : ownerAttributes) {
            source.library(ownerId).forEach((photo, values) -> merged.computeIfAbsent(photo, p -> new java.util.HashMap<>()).putAll(values));
        }
        return merged;
    }

    /** A content's stored analysis and the analyzer version that made it. */
    public record Analysis(int analyzerVersion, Map<String, Object> attributes) {
        public boolean outdated() {
            return analyzerVersion < PhotoAnalyzer.VERSION;
        }
    }

    /** How much of a library the current analyzer has seen. */
    public record Coverage(long photos, long current, long outdated, long pending) {
    }

    /**
     * Runs in the upload's transaction: the job exists exactly when the photo does. Bytes the owner's device
     * analysed with the current analyzer (a synced photo gaining its original) are not analysed again.
     */
    @EventListener
    void onContentForgotten(ContentForgotten content) {
        repository.deleteContent(content.sha256());
    }

    @EventListener
    void onPhotoAdded(PhotoAdded photo) {
        if (findAnalysis(photo.ownerId(), photo.sha256()).filter(a -> !a.outdated()).isPresent()) return;
        jobs.enqueue(AnalysisJob.request(photo));
    }

    /**
     * The content's analysis job, for work that waits on it: the queued or running one, else a new one (e.g.
     * after one failed for good). Joins the caller's transaction.
     */
    public UUID analyse(PhotoAdded photo) {
        return jobs.enqueue(AnalysisJob.request(photo));
    }

    /** Whether a job of this type is a photo's analysis (whose failure for good its waiters hear as a JobEvent). */
    public static boolean isPhotoAnalysis(String jobType) {
        return AnalysisJob.TYPE.is(jobType);
    }

    /** The attributes of this content (by the newest analyzer that saw it), if analysed. */
    public Optional<Map<String, Object>> find(String sha256) {
        return findAnalysis(sha256).map(Analysis::attributes);
    }

    public Optional<Analysis> findAnalysis(String sha256) {
        return repository.newest(sha256).map(AnalysisService::analysis);
    }

    /** The attributes of each of these contents that is analysed, by content hash, in a statement per thousand. */
    public Map<String, Map<String, Object>> find(Collection<String> sha256s) {
        var found = new HashMap<String, Map<String, Object>>();
        repository.newest(sha256s).forEach((sha256, stored) -> found.put(sha256, stored.attributes()));
        return found;
    }

    /** Of these contents, those without a result from the current analyzer (in a statement per thousand). */
    public Set<String> needingAnalysis(Collection<String> sha256s) {
        var needed = new HashSet<String>(sha256s);
        needed.removeAll(repository.analysedSince(needed, PhotoAnalyzer.VERSION));
        return needed;
    }

    public static int currentVersion() {
        return PhotoAnalyzer.VERSION;
    }

    /** Of the owner's photos: how many have a current analysis, an outdated one, or none yet. */
    public Coverage coverage(UUID ownerId) {
        AnalysisRepository.Counts c = repository.counts(ownerId, PhotoAnalyzer.VERSION);
        return new Coverage(c.photos(), c.current(), c.outdated(), c.photos() - c.current() - c.outdated());
    }

    /**
     * Re-analyses, as background jobs, every photo of the owner's library whose content has no analysis
     * by the current analyzer. Returns the walking job's id.
     */
    public UUID reanalyse(UUID ownerId) {
        return jobs.enqueue(LibraryAnalysisJob.request(ownerId, ownerId));
    }

    /** The same over every library on the server (admins). */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public UUID reanalyseAll(UUID admin) {
        UUID job = jobs.enqueue(LibraryAnalysisJob.request(admin, null));
        audit.record(AdminAction.REANALYSE_ALL, "job", job.toString(), "re-analysis of every library started");
        return job;
    }

    /** Replaces the content's analysis: the older versions' rows go in the same transaction. */
    @Transactional
    void save(String sha256, Map<String, Object> attributes) {
        repository.replace(sha256, PhotoAnalyzer.VERSION, attributes);
        events.publishEvent(new ContentAnalysed(sha256));
    }

    static <P extends Record> JobRequest<P> request(JobType<P> type, PhotoAdded photo, P payload) {
        return JobRequest.of(type, photo.ownerId(), payload).about(photo.photoId())
                .dedupedBy("analysis:" + photo.sha256() + ":v" + PhotoAnalyzer.VERSION);
    }
}

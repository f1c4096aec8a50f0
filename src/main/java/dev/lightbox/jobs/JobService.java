package dev.lightbox.jobs;

import dev.lightbox.jobs.domain.JobRepository;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Enqueueing jobs and what their owners may do with them: read, list, cancel, retry. */
@Service
public class JobService {

    public static final int MAX_PAGE = 200;

    private final JobRepository store;

    JobService(JobRepository store) {
        this.store = store;
    }

    public record Page(List<JobView> items, @Nullable String nextCursor) {
    }

    public record Attempt(int attempt, String worker, Instant startedAt, @Nullable Instant finishedAt, @Nullable String outcome,
                          @Nullable String error) {
    }

    /** Queues a job (woken at commit of the caller's transaction, if any); returns its id. */
    public UUID enqueue(JobRequest<?> request) {
        return store.insert(request);
    }

    /** Queues a job of this type with the type's defaults (its queue, 3 attempts, no subject, no dedupe). */
    public <P extends Record> UUID enqueue(JobType<P> type, @Nullable UUID ownerId, P payload) {
        return enqueue(JobRequest.of(type, ownerId, payload));
    }

    /**
     * Forgets that work keyed {@code dedupeKey} was done, for when its output is gone (a content deleted,
     * then uploaded again, needs its renditions made again).
     */
    public void releaseDedupeKey(String dedupeKey) {
        store.releaseDedupeKey(dedupeKey);
    }

    /**
     * Deletes up to {@code limit} jobs (anyone's) that finished longer than {@code age} ago, with their attempt
     * history; returns how many (for retention: call again until it returns less than {@code limit}).
     */
    public int deleteFinishedOlderThan(java.time.Duration age, int limit) {
        return store.deleteFinishedOlderThan(age, limit);
    }

    public Optional<JobView> find(UUID owner, UUID id) {
        return store.find(owner, id);
    }

    /** Any job's status, whoever owns it (for modules that settle by a job's outcome, such as billing). */
    public Optional<JobStatus> status(UUID id) {
        return store.find(null, id).map(JobView::status);
    }

    public Page list(UUID owner, @Nullable JobStatus status, @Nullable String cursor, int limit) {
        int size = Math.clamp(limit, 1, MAX_PAGE);
        Instant before = null;
        UUID beforeId = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                before = Instant.parse(parts[0]);
                beforeId = UUID.fromString(parts[1]);
            } catch (RuntimeException malformed) {
                throw new IllegalArgumentException("cursor: not a cursor this server issued");
            }
        }
        List<JobView> rows = store.list(owner, status, before, beforeId, size + 1);
        boolean more = rows.size() > size;
        List<JobView> items = rows.subList(0, Math.min(size, rows.size()));
        String next = more ? Base64.getUrlEncoder().withoutPadding().encodeToString(
                (items.getLast().createdAt() + "|" + items.getLast().id()).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page(List.copyOf(items), next);
    }

    public List<JobView> forSubject(UUID owner, UUID subject) {
        return store.forSubject(owner, subject);
    }

    public List<Attempt> attempts(UUID owner, UUID id) {
        if (store.find(owner, id).isEmpty()) return List.of();
        return store.runs(id).stream().map(r -> new Attempt(r.attempt(), r.worker(), r.startedAt(), r.finishedAt(), r.outcome(), r.error())).toList();
    }

    /** Cancels: a queued job at once, a running one at its next progress report. Empty when there is nothing to cancel. */
    public Optional<JobStatus> cancel(UUID owner, UUID id) {
        return store.cancel(owner, id);
    }

    /**
     * Cancels every queued and running job of the owner (for a deleted account: its rows go with it, and a running
     * job learns at its next progress report that its row is gone). Returns how many.
     */
    public int cancelAllOf(UUID owner) {
        return store.cancelAllOf(owner);
    }

    /** Runs a failed or cancelled job again. False when the job is not the owner's or not finished that way. */
    public boolean retry(UUID owner, UUID id) {
        return store.retry(owner, id);
    }
}

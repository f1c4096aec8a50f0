package dev.lightbox.data.export.service;

import dev.lightbox.data.export.domain.ExportRepository;
import dev.lightbox.data.export.domain.ExportRepository.ExportRow;
import dev.lightbox.data.export.service.ExportException.Reason;
import dev.lightbox.jobs.JobService;
import dev.lightbox.library.service.KeysetCursor;
import dev.lightbox.storage.ObjectStore;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exports of a user's whole library: start one (one running per user), read and list them, download the zip.
 * Every read is scoped to the owner; another user's export is not found.
 */
@Service
public class ExportService {

    /** How long a finished export can be downloaded. */
    public static final Duration VALID = Duration.ofDays(7);
    public static final int MAX_PAGE = 200;

    private final ExportRepository rows;
    private final JobService jobs;
    private final ObjectStore store;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ExportService(ExportRepository rows, JobService jobs, ObjectStore store, TransactionTemplate transaction, Clock clock) {
        this.rows = rows;
        this.jobs = jobs;
        this.store = store;
        this.transaction = transaction;
        this.clock = clock;
    }

    public record Started(UUID id, UUID jobId) {
    }

    public record Page(List<ExportView> items, @Nullable String nextCursor) {
    }

    /** A READY export's zip: its key, size and the file name to offer. */
    public record Download(String key, long size, String fileName) {
    }

    /** The {@code exports/{userId}/{exportId}.zip} key. */
    static String key(UUID owner, UUID exportId) {
        return "exports/" + owner + "/" + exportId + ".zip";
    }

    /**
     * Starts an export: the row (RUNNING) and its job in one transaction. Throws {@link Reason#RUNNING} with the
     * running export's id when the owner has one running.
     */
    public Started start(UUID owner) {
        transaction.executeWithoutResult(status -> // a crashed export does not block a new one; its object goes after the commit
                ExportJob.deleteLater(jobs, rows.failStale(owner, clock.instant()).stream().filter(Objects::nonNull).toList()));
        UUID id = UUID.randomUUID();
        try {
            UUID job = transaction.execute(status -> {
                UUID jobId = jobs.enqueue(ExportJob.request(owner, id));
                rows.insert(id, owner, jobId, key(owner, id), clock.instant());
                return jobId;
            });
            return new Started(id, java.util.Objects.requireNonNull(job));
        } catch (DuplicateKeyException e) {
            UUID running = rows.running(owner).map(ExportRow::id).orElse(null);
            throw new ExportException(Reason.RUNNING, running, "An export of yours is running already" + (running == null ? "." : ": " + running + "."));
        }
    }

    public Optional<ExportView> find(UUID owner, UUID id) {
        return rows.find(owner, id).map(this::view);
    }

    /** The owner's exports, newest first; {@code cursor} is the previous page's {@code nextCursor}. */
    public Page list(UUID owner, @Nullable String cursor, int limit) {
        int size = Math.clamp(limit, 1, MAX_PAGE);
        Instant before = null;
        UUID beforeId = null;
        if (cursor != null && !cursor.isBlank()) {
            String[] parts = KeysetCursor.decode(cursor, 2).orElseThrow(ExportService::badCursor);
            try {
                before = Instant.parse(parts[0]);
                beforeId = UUID.fromString(parts[1]);
            } catch (RuntimeException malformed) {
                throw badCursor();
            }
        }
        List<ExportRow> page = rows.list(owner, before, beforeId, size + 1);
        List<ExportRow> items = page.subList(0, Math.min(size, page.size()));
        String next = page.size() > size ? KeysetCursor.encode(items.getLast().createdAt(), items.getLast().id()) : null;
        return new Page(items.stream().map(this::view).toList(), next);
    }

    /** The zip of a READY export; not found, expired (410) or not ready (409) otherwise. */
    public Download download(UUID owner, UUID id) {
        ExportView export = find(owner, id).orElseThrow(() -> new ExportException(Reason.NOT_FOUND, id, "No export " + id + " of yours."));
        ExportRow row = rows.find(owner, id).orElseThrow();
        return switch (export.status()) {
            case EXPIRED -> throw new ExportException(Reason.EXPIRED, id,
                    "Export " + id + " expired; downloads are kept for " + VALID.toDays() + " days. Start a new export.");
            case RUNNING, FAILED -> throw new ExportException(Reason.NOT_READY, id, "Export " + id + " is " + export.status().name().toLowerCase(java.util.Locale.ROOT)
                    + "; only a finished export can be downloaded.");
            case READY -> new Download(java.util.Objects.requireNonNull(row.objectKey()), java.util.Objects.requireNonNull(row.sizeBytes()),
                    "lightbox-export-" + LocalDate.ofInstant(row.createdAt(), ZoneOffset.UTC) + ".zip");
        };
    }

    public InputStream open(Download download, long offset, long length) {
        return store.get(download.key(), offset, length);
    }

    private ExportView view(ExportRow row) {
        ExportStatus status = ExportStatus.valueOf(row.status());
        String error = row.error();
        if (status == ExportStatus.RUNNING && !jobActive(row.jobStatus())) { // the job ended without saying so
            status = ExportStatus.FAILED;
            error = "The export job stopped.";
        }
        if (status == ExportStatus.READY && row.expiresAt() != null && !row.expiresAt().isAfter(clock.instant())) status = ExportStatus.EXPIRED;
        String url = status == ExportStatus.READY ? "/api/v1/export/" + row.id() + "/download" : null;
        return new ExportView(row.id(), row.jobId(), status, row.sizeBytes(), row.photoCount(), row.createdAt(), row.expiresAt(), url, error);
    }

    private static boolean jobActive(@Nullable String jobStatus) {
        return "QUEUED".equals(jobStatus) || "RUNNING".equals(jobStatus) || "SUCCEEDED".equals(jobStatus);
    }

    private static IllegalArgumentException badCursor() {
        return new IllegalArgumentException("cursor: not a cursor this server issued.");
    }
}

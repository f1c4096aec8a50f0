package dev.lightbox.data.backup.service;

import dev.lightbox.base.DataDirectory;
import dev.lightbox.base.audit.AdminAction;
import dev.lightbox.base.audit.AdminAudit;
import dev.lightbox.base.database.DatabaseProperties;
import dev.lightbox.base.database.StandaloneDatabase;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobService;
import dev.lightbox.storage.ObjectStore;
import dev.lightbox.storage.StandaloneObjectStore;
import dev.lightbox.storage.StorageProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backups of the running app into {@code <data dir>/backups/<yyyy-MM-dd'T'HHmmss>/}: daily for the embedded setup
 * (each node tries at startup and every hour; the dedupe key of the UTC day makes it one job a day), and on demand by
 * an admin. The newest {@code LIGHTBOX_BACKUP_KEEP} stay; unchanged content-addressed objects are hard links to the
 * previous backup's, so seven backups do not take seven times the space.
 */
@Service
public class BackupService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BackupService.class);
    static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static final Pattern NAME_PATTERN = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{6}(-\\d+)?");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JobService jobs;
    private final Clock clock;
    private final AdminAudit audit;
    private final BackupProperties props;
    private final boolean embedded;
    private final ObjectProvider<DataDirectory> dataDirectory;
    private final DataSource dataSource;
    private final ObjectStore store;
    /** One backup at a time in this app (the embedded setup runs one node on its data directory). */
    private final java.util.concurrent.locks.ReentrantLock running = new java.util.concurrent.locks.ReentrantLock();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("backup-daily").daemon().factory());

    BackupService(JobService jobs, Clock clock, AdminAudit audit, BackupProperties props, DatabaseProperties db, StorageProperties s3,
                  ObjectProvider<DataDirectory> dataDirectory, DataSource dataSource, ObjectStore store) {
        this.jobs = jobs;
        this.clock = clock;
        this.audit = audit;
        this.props = props;
        this.embedded = StandaloneDatabase.embedded(db) && StandaloneObjectStore.embedded(s3);
        this.dataDirectory = dataDirectory;
        this.dataSource = dataSource;
        this.store = store;
    }

    /** Backs up now, for the admin who asked (their job, in the audit log); returns the job's id. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public UUID runNow(UUID adminId) {
        UUID job = jobs.enqueue(JobRequest.of(BackupJob.TYPE, adminId, new BackupJob.Payload()));
        audit.record(AdminAction.BACKUP_RUN, "job", job.toString(), "backup started");
        return job;
    }

    /** The backups kept, newest first. */
    @PreAuthorize("hasRole('ADMIN')")
    public List<BackupSummary> list() {
        var summaries = new ArrayList<BackupSummary>();
        for (Path dir : backups(folder())) {
            try {
                Manifest manifest = JSON.readValue(dir.resolve(Manifest.FILE_NAME).toFile(), Manifest.class);
                summaries.add(new BackupSummary(dir.getFileName().toString(), manifest.created(), manifest.sizeBytes(), manifest.rows("photos")));
            } catch (RuntimeException unreadable) {
                log.warn("Backup {} has no readable manifest: {}", dir, unreadable.getMessage());
            }
        }
        return summaries.reversed();
    }

    /** Today's backup (UTC day), queued once across all nodes; returns its job id. */
    UUID queueDaily() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return jobs.enqueue(JobRequest.of(BackupJob.TYPE, null, new BackupJob.Payload()).dedupedBy(BackupJob.TYPE.name() + ":" + today));
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        if (!props.daily() || !embedded) return;
        timer.scheduleWithFixedDelay(() -> {
            try {
                queueDaily();
            } catch (RuntimeException e) {
                log.warn("Could not queue the daily backup: {} (tried again within the hour)", e.getMessage());
            }
        }, 0, 1, TimeUnit.HOURS);
    }

    /** Writes one backup (into a partial folder, renamed when complete), then removes the oldest beyond the kept number. */
    BackupJob.Result backUp() {
        return backUp(clock.instant());
    }

    /** {@link #backUp()}, named after {@code at}. */
    BackupJob.Result backUp(java.time.Instant at) {
        if (!running.tryLock()) throw BackupException.refused("Another backup is running: this one is not started.");
        try {
            return backUpAlone(at);
        } finally {
            running.unlock();
        }
    }

    private BackupJob.Result backUpAlone(java.time.Instant at) {
        Path folder = folder();
        removePartials(folder); // left by a crash: only one backup runs at a time, so none is being written
        List<Path> existing = backups(folder);
        String name = NAME.format(at);
        for (int n = 2; Files.exists(folder.resolve(name)); n++) name = NAME.format(at) + "-" + n;
        Path partial = folder.resolve(".partial-" + name);
        var writer = new BackupWriter(dataSource::getConnection, store, JSON, clock, appVersion());
        Manifest manifest = writePartial(partial, target -> writer.write(target, existing.isEmpty() ? null : existing.getLast()));
        try {
            Files.move(partial, folder.resolve(name));
        } catch (IOException e) {
            throw BackupException.failed("Could not complete backup " + name + ": " + e.getMessage(), e);
        }
        int removed = prune(folder, props.keep());
        log.info("Backup {} written: {} tables, {} objects, {} bytes; {} old backup(s) removed", name, manifest.tables().size(),
                manifest.objects().size(), manifest.sizeBytes(), removed);
        return new BackupJob.Result(name, manifest.tables().size(), manifest.rows("photos"), manifest.objects().size(), manifest.sizeBytes(), removed);
    }

    /**
     * Creates {@code partial} (refused when it exists: another backup writes there) and writes into it; a failed
     * write removes it, so failures do not pile up partial copies on the disk.
     */
    static Manifest writePartial(Path partial, java.util.function.Function<Path, Manifest> write) {
        try {
            Files.createDirectories(partial.getParent());
            Files.createDirectory(partial);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw BackupException.refused("Another backup is writing " + partial + ": this one is not started.");
        } catch (IOException e) {
            throw BackupException.failed("Could not create " + partial + ": " + e.getMessage(), e);
        }
        try {
            return write.apply(partial);
        } catch (RuntimeException e) {
            deleteTree(partial);
            throw e;
        }
    }

    /** Removes the oldest complete backups beyond {@code keep} and any partial one left by a crash; returns how many. */
    static int prune(Path folder, int keep) {
        List<Path> complete = backups(folder);
        int removed = 0;
        for (int i = 0; i < complete.size() - keep; i++) {
            deleteTree(complete.get(i));
            removed++;
        }
        removePartials(folder);
        return removed;
    }

    private static void removePartials(Path folder) {
        if (!Files.isDirectory(folder)) return;
        try (Stream<Path> entries = Files.list(folder)) {
            entries.filter(p -> p.getFileName().toString().startsWith(".partial-")).forEach(BackupService::deleteTree);
        } catch (IOException e) {
            log.warn("Could not list {}: {}", folder, e.getMessage());
        }
    }

    /** Complete backups (named by time, with a manifest), oldest first. */
    static List<Path> backups(Path folder) {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> NAME_PATTERN.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve(Manifest.FILE_NAME)))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw BackupException.failed("Could not list " + folder + ": " + e.getMessage(), e);
        }
    }

    private Path folder() {
        return dataDirectory.getObject().resolve("backups");
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Could not remove {}: {}", root, e.getMessage());
        }
    }

    private static String appVersion() {
        @Nullable String version = BackupService.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}

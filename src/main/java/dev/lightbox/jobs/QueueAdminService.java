package dev.lightbox.jobs;

import dev.lightbox.base.audit.AdminAction;
import dev.lightbox.base.audit.AdminAudit;
import dev.lightbox.jobs.domain.JobRepository;
import dev.lightbox.jobs.domain.QueueSettingsRepository;
import dev.lightbox.jobs.domain.QueueStatsRepository;
import dev.lightbox.jobs.domain.WorkerRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin's queue console: what each queue and type holds, pause and resume (paused work stays queued on every node,
 * across restarts), a queue's thread count for every node at once, bulk retry and clearing of failed jobs, and the
 * worker registry. Every change and its audit-log entry are one transaction: both are stored, or neither.
 */
@Service
public class QueueAdminService {

    private static final double THROUGHPUT_MINUTES = 15;

    private final QueueSettingsRepository settings;
    private final QueueStatsRepository stats;
    private final WorkerRepository workers;
    private final JobRepository jobs;
    private final JobTypes types;
    private final JobsProperties props;
    private final AdminAudit audit;

    QueueAdminService(QueueSettingsRepository settings, QueueStatsRepository stats, WorkerRepository workers, JobRepository jobs,
                      JobTypes types, JobsProperties props, AdminAudit audit) {
        this.settings = settings;
        this.stats = stats;
        this.workers = workers;
        this.jobs = jobs;
        this.types = types;
        this.props = props;
        this.audit = audit;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<QueueState> queues() {
        Map<JobQueue, QueueSettingsRepository.QueueSetting> queueSettings = settings.queues();
        Set<String> pausedTypes = settings.pausedTypes();
        List<QueueStatsRepository.TypeCounts> counts = stats.counts();
        List<WorkerState> online = workers.list(lostAfter()).stream().filter(w -> w.status() == WorkerStatus.ONLINE).toList();
        List<QueueState> states = new ArrayList<>();
        for (JobQueue queue : JobQueue.values()) {
            Map<String, TypeState> byType = new LinkedHashMap<>();
            for (JobType<?> type : types.all()) {
                if (type.queue() == queue) byType.put(type.name(), typeState(queue, type.name(), pausedTypes, null));
            }
            for (QueueStatsRepository.TypeCounts row : counts) {
                if (row.queue() == queue) byType.put(row.type(), typeState(queue, row.type(), pausedTypes, row));
            }
            List<TypeState> typeStates = byType.values().stream().sorted(Comparator.comparing(TypeState::title)).toList();
            var setting = java.util.Objects.requireNonNull(queueSettings.get(queue));
            int threadsOnline = online.stream().mapToInt(w -> queue == JobQueue.CPU ? w.cpuThreads() : w.gpuThreads()).sum();
            states.add(new QueueState(queue, setting.paused(), setting.threads(), threadsOnline,
                    typeStates.stream().mapToLong(TypeState::queued).sum(), typeStates.stream().mapToLong(TypeState::running).sum(),
                    typeStates.stream().mapToLong(TypeState::failed24h).sum(),
                    typeStates.stream().map(TypeState::oldestWaitSeconds).filter(java.util.Objects::nonNull).max(Long::compare).orElse(null),
                    round(typeStates.stream().mapToDouble(TypeState::throughputPerMinute).sum()), typeStates));
        }
        return states;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public QueueState update(JobQueue queue, QueueUpdate update) {
        var before = settings.queue(queue);
        Boolean paused = update.paused();
        var after = settings.update(queue, paused, update.threadsGiven(), update.threads());
        if (paused != null && paused != before.paused()) {
            audit.record(paused ? AdminAction.QUEUE_PAUSE : AdminAction.QUEUE_RESUME, "queue", queue.column(),
                    (paused ? "paused" : "resumed") + " the " + queue.column() + " queue");
        }
        if (update.threadsGiven() && !java.util.Objects.equals(update.threads(), before.threads())) {
            audit.record(AdminAction.QUEUE_THREADS, "queue", queue.column(), after.threads() == null
                    ? queue.column() + " threads back to each node's own setting (were " + before.threads() + ")"
                    : queue.column() + " threads " + after.threads() + " on every node (were " + (before.threads() == null ? "each node's own" : before.threads()) + ")");
        }
        return find(queue);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public TypeState updateType(JobQueue queue, String type, @Nullable Boolean paused) {
        requireType(queue, type);
        if (paused != null && paused != settings.pausedTypes().contains(type)) {
            settings.updateType(type, paused);
            audit.record(paused ? AdminAction.JOB_TYPE_PAUSE : AdminAction.JOB_TYPE_RESUME, "job-type", type,
                    (paused ? "paused " : "resumed ") + types.title(type) + " (" + type + ") on every queue");
        }
        return find(queue).types().stream().filter(t -> t.type().equals(type)).findFirst()
                .orElseGet(() -> typeState(queue, type, settings.pausedTypes(), null));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public int retryFailed(JobQueue queue, String type) {
        requireType(queue, type);
        int retried = jobs.retryFailed(queue, type);
        audit.record(AdminAction.JOBS_RETRY_FAILED, "job-type", type, "retried " + retried + " failed job(s) on the " + queue.column() + " queue");
        return retried;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public int clearFailed(JobQueue queue, String type) {
        requireType(queue, type);
        int deleted = jobs.deleteFailed(queue, type);
        audit.record(AdminAction.JOBS_CLEAR_FAILED, "job-type", type, "deleted " + deleted + " failed job(s) on the " + queue.column() + " queue");
        return deleted;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<WorkerState> workers() {
        return workers.list(lostAfter());
    }

    /** Silent for 3 leases: the node missed 9 beats. */
    private Duration lostAfter() {
        return props.jobs().lease().multipliedBy(3);
    }

    private QueueState find(JobQueue queue) {
        return queues().stream().filter(q -> q.queue() == queue).findFirst().orElseThrow();
    }

    /** A type this application declares for the queue, or any type name with jobs on it; else 404. */
    private void requireType(JobQueue queue, String type) {
        boolean declared = types.find(type).map(t -> t.queue() == queue).orElse(false);
        if (!declared && !stats.hasRows(queue, type)) {
            throw new NoSuchElementException("No job type '" + type + "' on the " + queue.column() + " queue.");
        }
    }

    private TypeState typeState(JobQueue queue, String type, Set<String> pausedTypes, QueueStatsRepository.@Nullable TypeCounts row) {
        return new TypeState(type, types.title(type), queue, pausedTypes.contains(type),
                row == null ? 0 : row.queued(), row == null ? 0 : row.running(), row == null ? 0 : row.failed24h(),
                row == null ? null : row.oldestWaitSeconds(), row == null ? 0 : round(row.finished15m() / THROUGHPUT_MINUTES));
    }

    private static double round(double perMinute) {
        return Math.round(perMinute * 100) / 100.0;
    }
}

package dev.lightbox.jobs;

import dev.lightbox.jobs.domain.JobStatsRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Per-type job statistics over a window of creation times, for the admin console. */
@Service
public class JobStatsService {

    /** The window the console shows when none is given. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    /** The longest window one request may read (the query scans every job created in it). */
    public static final Duration MAX_WINDOW = Duration.ofDays(90);

    private final JobStatsRepository repository;
    private final JobTypes types;
    private final JobsProperties properties;

    JobStatsService(JobStatsRepository repository, JobTypes types, JobsProperties properties) {
        this.repository = repository;
        this.types = types;
        this.properties = properties;
    }

    /** Jobs created since {@code since}, by status (every status present, zero when none). */
    @PreAuthorize("hasRole('ADMIN')")
    public Map<JobStatus, Long> countsSince(Instant since) {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) counts.put(status, 0L);
        repository.statusCounts(since).forEach(row -> counts.put(JobStatus.valueOf(row.status()), row.count()));
        return counts;
    }

    /** Both queues now, {@code cpu} first. */
    @PreAuthorize("hasRole('ADMIN')")
    public List<QueueSummary> queues() {
        var load = repository.load();
        var paused = repository.pausedQueues();
        return java.util.stream.Stream.of(JobQueue.CPU, JobQueue.GPU).map(queue -> {
            var rows = load.stream().filter(row -> row.queue().equals(queue.column())).toList();
            long queued = rows.stream().mapToLong(JobStatsRepository.LoadRow::queued).sum();
            long running = rows.stream().mapToLong(JobStatsRepository.LoadRow::running).sum();
            long due = rows.stream().mapToLong(JobStatsRepository.LoadRow::due).sum();
            Long oldest = due == 0 ? null : Math.round(rows.stream().mapToDouble(JobStatsRepository.LoadRow::oldestWaitSeconds).max().orElse(0));
            return new QueueSummary(queue.column(), paused.contains(queue.column()), queued, running, oldest);
        }).toList();
    }

    /** Nodes that beat within three leases and did not stop: the workers the console shows as online. */
    @PreAuthorize("hasRole('ADMIN')")
    public long workersOnline() {
        return repository.workersOnline(onlineWithin(properties));
    }

    static Duration onlineWithin(JobsProperties properties) {
        return properties.jobs().lease().multipliedBy(3);
    }

    /** @throws IllegalArgumentException when {@code since} is not before {@code until} or more than {@link #MAX_WINDOW} before it */
    @PreAuthorize("hasRole('ADMIN')")
    public JobStats stats(Instant since, Instant until) {
        if (!since.isBefore(until)) throw new IllegalArgumentException("since: must be before until.");
        if (Duration.between(since, until).compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("since: at most " + MAX_WINDOW.toDays() + " days before until.");
        }
        Map<String, List<StepAverage>> steps = repository.steps(since, until).stream().collect(Collectors.groupingBy(
                JobStatsRepository.StepRow::type, Collectors.mapping(row -> new StepAverage(row.step(), row.count(), row.avgMs()), Collectors.toList())));
        List<TypeStats> stats = repository.types(since, until).stream()
                .map(row -> typeStats(row, steps.getOrDefault(row.type(), List.of())))
                .toList();
        return new JobStats(since, until, stats);
    }

    private TypeStats typeStats(JobStatsRepository.TypeRow row, List<StepAverage> steps) {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        counts.put(JobStatus.QUEUED, row.queued());
        counts.put(JobStatus.RUNNING, row.running());
        counts.put(JobStatus.SUCCEEDED, row.succeeded());
        counts.put(JobStatus.FAILED, row.failed());
        counts.put(JobStatus.CANCELLED, row.cancelled());
        long finished = row.succeeded() + row.failed() + row.cancelled();
        Double successRate = finished == 0 ? null : (double) row.succeeded() / finished;
        return new TypeStats(row.type(), types.title(row.type()), row.total(), counts, successRate,
                new Percentiles(row.runP50(), row.runP95()), new Percentiles(row.waitP50(), row.waitP95()), steps);
    }
}

package dev.lightbox.jobs;

import dev.lightbox.jobs.domain.JobStatsRepository;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Prometheus series for autoscalers and dashboards, read from the database every {@link #REFRESH} on a thread of
 * their own (a scrape only reads the last snapshot): {@code lightbox_queue_depth{queue,type}} (jobs a worker could
 * claim now: due, on a queue and of a type not paused; what an autoscaler scales on),
 * {@code lightbox_queue_oldest_wait_seconds{queue,type}} (since the longest due job became due),
 * {@code lightbox_queue_paused{queue,type}} (1 while the queue or the type is paused), {@code lightbox_workers_online}, and per type the jobs that
 * finished since this node started, {@code lightbox_jobs_finished_total{type,outcome}} and
 * {@code lightbox_job_duration_seconds{type}} (the last attempt's run time). All are cluster-wide: every node
 * reports the same numbers, so take one node's or the max, never the sum.
 */
@Component
class JobMetrics implements DisposableBean {

    static final Duration REFRESH = Duration.ofSeconds(10);
    /** A job's finished_at is its transaction's start: finishes are read this far behind, when their commits are visible. */
    private static final Duration COMMIT_LAG = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(JobMetrics.class);

    private final MeterRegistry registry;
    private final JobStatsRepository repository;
    private final JobTypes types;
    private final Duration onlineWithin;
    private final MultiGauge depth;
    private final MultiGauge oldestWait;
    private final MultiGauge paused;
    private final AtomicLong workersOnline = new AtomicLong();
    private final Map<String, Finished> finished = new ConcurrentHashMap<>();
    private final Map<String, Durations> durations = new ConcurrentHashMap<>();
    private @Nullable Instant readUntil;
    private @Nullable ScheduledExecutorService timer;

    /** Jobs of one type that ended with one outcome. */
    private static final class Finished {
        final AtomicLong count = new AtomicLong();
    }

    private static final class Durations {
        final AtomicLong count = new AtomicLong();
        final DoubleAdder seconds = new DoubleAdder();
    }

    JobMetrics(MeterRegistry registry, JobStatsRepository repository, JobTypes types, JobsProperties properties) {
        this.registry = registry;
        this.repository = repository;
        this.types = types;
        this.onlineWithin = JobStatsService.onlineWithin(properties);
        depth = MultiGauge.builder("lightbox.queue.depth")
                .description("Jobs a worker could claim now: due, and neither their queue nor their type paused").register(registry);
        oldestWait = MultiGauge.builder("lightbox.queue.oldest.wait").baseUnit("seconds")
                .description("How long the longest due job has been due (0 when none is)").register(registry);
        paused = MultiGauge.builder("lightbox.queue.paused").description("1 while an admin paused the queue or the job type, else 0").register(registry);
        Gauge.builder("lightbox.workers.online", workersOnline, AtomicLong::get)
                .description("Nodes that beat within three leases and did not stop").register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("job-metrics").daemon().factory());
        timer = executor;
        executor.scheduleWithFixedDelay(this::refreshQuietly, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        if (timer != null) timer.shutdownNow();
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) { // the database may be away for a while; the next round tries again
            log.warn("Job metrics not refreshed: {}", e.toString());
        }
    }

    private record Series(String queue, String type) {
    }

    private static List<MultiGauge.Row<?>> rows(Map<Series, double[]> load, int column) {
        return load.entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("queue", e.getKey().queue(), "type", e.getKey().type()), e.getValue()[column]))
                .toList();
    }

    /** Jobs that finished up to this instant (database time) are counted; null before the first read. */
    synchronized @Nullable Instant countedUntil() {
        return readUntil;
    }

    /** Reads queue load, workers and newly finished jobs once (the timer calls it; tests may call it directly). */
    synchronized void refresh() {
        Set<String> pausedQueues = Set.copyOf(repository.pausedQueues());
        Set<String> pausedTypes = Set.copyOf(repository.pausedTypes());
        Map<Series, double[]> load = new LinkedHashMap<>(); // depth, oldest wait, paused
        types.all().forEach(type -> load.put(new Series(type.queue().column(), type.name()), new double[3]));
        for (var row : repository.load()) {
            load.put(new Series(row.queue(), row.type()), new double[] {row.due(), row.oldestWaitSeconds(), 0});
        }
        load.forEach((series, values) -> {
            if (pausedQueues.contains(series.queue()) || pausedTypes.contains(series.type())) {
                values[0] = 0; // held: no worker takes them, so an autoscaler must not count them
                values[2] = 1;
            }
        });
        depth.register(rows(load, 0), true);
        oldestWait.register(rows(load, 1), true);
        paused.register(rows(load, 2), true);
        workersOnline.set(repository.workersOnline(onlineWithin));

        Instant until = repository.now().minus(COMMIT_LAG);
        Instant after = readUntil;
        readUntil = until;
        if (after == null || !after.isBefore(until)) return; // the first round only marks where counting starts
        for (var row : repository.finished(after, until)) {
            String outcome = row.status().toLowerCase(Locale.ROOT);
            finished.computeIfAbsent(row.type() + "\n" + outcome, key -> {
                var counter = new Finished();
                FunctionCounter.builder("lightbox.jobs.finished", counter, c -> c.count.get())
                        .description("Jobs that finished, by final outcome").tags("type", row.type(), "outcome", outcome).register(registry);
                return counter;
            }).count.addAndGet(row.count());
            if (row.runs() == 0) continue;
            var timed = durations.computeIfAbsent(row.type(), type -> {
                var d = new Durations();
                FunctionTimer.builder("lightbox.job.duration", d, x -> x.count.get(), x -> x.seconds.sum(), TimeUnit.SECONDS)
                        .description("Run time of finished jobs' last attempt").tags("type", type).register(registry);
                return d;
            });
            timed.count.addAndGet(row.runs());
            timed.seconds.add(row.runSeconds());
        }
    }
}

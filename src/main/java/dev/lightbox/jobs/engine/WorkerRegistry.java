package dev.lightbox.jobs.engine;

import dev.lightbox.base.DataDirectory;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobsProperties;
import dev.lightbox.jobs.domain.WorkerRepository;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Registers this node (any role) in the worker registry as soon as the job workers have started, then beats every
 * lease/3 on a thread of its own, reporting the threads its queues run with now; an orderly stop marks the row stopped
 * after the job workers stopped. Rows silent for 7 days go at a beat.
 * A database that does not answer only delays the beat (the node may show as lost meanwhile).
 */
@Component
class WorkerRegistry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkerRegistry.class);
    static final Duration PRUNE_AFTER = Duration.ofDays(7);

    private final WorkerRepository workers;
    private final JobWorkers jobWorkers;
    private final JobsProperties props;
    private final Path nodeIdFile;
    private final String version;
    private final Instant startedAt = Instant.now();
    private volatile GpuInfo gpu = GpuInfo.NONE;
    private volatile @Nullable ScheduledExecutorService beat;
    private volatile boolean running;
    private boolean warned;

    WorkerRegistry(WorkerRepository workers, JobWorkers jobWorkers, JobsProperties props, DataDirectory dataDirectory,
                   ObjectProvider<BuildProperties> build) {
        this.workers = workers;
        this.jobWorkers = jobWorkers;
        this.props = props;
        this.nodeIdFile = dataDirectory.root().resolve("node-id");
        BuildProperties info = build.getIfAvailable();
        String implementation = WorkerRegistry.class.getPackage().getImplementationVersion();
        this.version = info != null && info.getVersion() != null ? info.getVersion() : implementation != null ? implementation : "dev";
    }

    /** The first beat waits for the job workers (they start after this): it reports the threads they start with. */
    @jakarta.annotation.PostConstruct
    void beatWhenJobWorkersStart() {
        jobWorkers.onStarted(this::beatSoon);
    }

    @Override
    public void start() {
        running = true;
        var scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("worker-registry").daemon().factory());
        long every = Math.max(100, props.jobs().lease().toMillis() / 3);
        scheduler.execute(() -> {
            if (props.role().runsJobs()) gpu = GpuInfo.detect();
        });
        scheduler.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        beat = scheduler;
    }

    private void beatSoon() {
        ScheduledExecutorService scheduler = beat;
        if (!running || scheduler == null) return;
        try {
            scheduler.execute(this::beat);
        } catch (RejectedExecutionException stopping) {
            // stopping: the stop marks the row
        }
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService scheduler = beat;
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            workers.stopped(jobWorkers.workerId());
        } catch (DataAccessException e) {
            log.warn("Could not mark this node stopped in the worker registry ({}); it shows as lost", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stopped after the job workers (phase {@code DEFAULT_PHASE - 10}): the row is marked stopped once their pools have
     * drained and released this node's jobs, not while jobs still run here. So it starts before them, and its first
     * beat is the one their start asks for.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 15;
    }

    void beat() {
        try {
            GpuInfo gpuNow = gpu;
            workers.beat(new WorkerRepository.Beat(jobWorkers.workerId(), nodeId(), props.role().name(), hostName(),
                    jobWorkers.threads(JobQueue.CPU), jobWorkers.threads(JobQueue.GPU), gpuNow.name(), gpuNow.memoryBytes(), version, startedAt));
            workers.pruneSilentFor(PRUNE_AFTER);
            if (warned) log.info("Worker registry: beating again");
            warned = false;
        } catch (RuntimeException e) {
            if (!warned) log.warn("Worker registry: could not beat ({}); retrying", e.getMessage());
            warned = true;
        }
    }

    /** The data directory's node id (the library writes it at start); none until it exists. */
    private @Nullable String nodeId() {
        try {
            if (!Files.isRegularFile(nodeIdFile)) return null;
            String id = Files.readString(nodeIdFile, StandardCharsets.UTF_8).strip();
            return id.isEmpty() ? null : id;
        } catch (IOException e) {
            return null;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}

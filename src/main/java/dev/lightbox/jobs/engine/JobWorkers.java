package dev.lightbox.jobs.engine;

import dev.lightbox.jobs.JobCancelledException;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobsProperties;
import dev.lightbox.jobs.domain.JobRepository;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The executor pools of this node, one per queue (unless its role is {@code web}). Each queue's
 * dispatcher claims as many due jobs as it has free threads, whenever a NOTIFY says there is work or,
 * failing that, every poll interval. Leases are renewed while jobs run; expired leases anywhere are
 * recovered; failed attempts are retried with exponential backoff.
 */
@Component
public class JobWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);

    private final JobRepository store;
    private final NotificationListener notifications;
    private final JobsProperties props;
    private final Map<String, JobHandler> handlers;
    private final String workerId;
    private final Map<JobQueue, QueueWorker> queues = new EnumMap<>(JobQueue.class);
    private final Map<UUID, RunningJob> running = new ConcurrentHashMap<>();
    private ScheduledExecutorService maintenance;
    private volatile boolean started;

    JobWorkers(JobRepository store, NotificationListener notifications, JobsProperties props, List<JobHandler> handlers) {
        this.store = store;
        this.notifications = notifications;
        this.props = props;
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::type, Function.identity()));
        this.workerId = hostName() + "/" + ProcessHandle.current().pid() + "/" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
    }

    public String workerId() {
        return workerId;
    }

    public int threads(JobQueue queue) {
        return queue == JobQueue.CPU
                ? props.jobs().cpuThreads() != null ? props.jobs().cpuThreads() : Runtime.getRuntime().availableProcessors()
                : props.jobs().gpuThreads() != null ? props.jobs().gpuThreads() : Math.max(1, cudaDevices());
    }

    @Override
    public void start() {
        started = true;
        if (!props.role().runsJobs()) {
            log.info("Role {}: this node runs no jobs", props.role());
            return;
        }
        for (JobQueue queue : JobQueue.values()) {
            var worker = new QueueWorker(queue, threads(queue));
            queues.put(queue, worker);
            worker.start();
        }
        notifications.onWake(queue -> {
            QueueWorker worker = queues.get(queue);
            if (worker != null) worker.wake();
        });
        notifications.onCancel(id -> {
            RunningJob job = running.get(id);
            if (job != null) job.requestCancel();
        });
        Duration lease = props.jobs().lease();
        maintenance = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("job-leases").daemon().factory());
        maintenance.scheduleWithFixedDelay(() -> quietly(() -> store.renewLeases(workerId, lease)),
                lease.toMillis() / 3, lease.toMillis() / 3, TimeUnit.MILLISECONDS);
        maintenance.scheduleWithFixedDelay(() -> quietly(() -> {
            int recovered = store.recoverExpiredLeases();
            if (recovered > 0) log.warn("Recovered {} job(s) whose worker stopped", recovered);
        }), 0, Math.max(1000, lease.toMillis() / 2), TimeUnit.MILLISECONDS);
        log.info("Job workers {} started: cpu {} thread(s), gpu {} thread(s)", workerId, threads(JobQueue.CPU), threads(JobQueue.GPU));
    }

    @Override
    public void stop() {
        started = false;
        queues.values().forEach(QueueWorker::stop);
        if (maintenance != null) maintenance.shutdownNow();
        queues.values().forEach(QueueWorker::awaitIdle);
        int released = store.release(workerId);
        if (released > 0) log.info("Put {} unfinished job(s) back in the queue for other workers", released);
        queues.clear();
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 10; // after the notification listener, before the web server stops
    }

    private void execute(JobRepository.Claimed claimed) {
        RunningJob job = new RunningJob(claimed, store);
        running.put(claimed.id(), job);
        try {
            JobHandler handler = handlers.get(claimed.type());
            if (handler == null) throw new IllegalStateException("No handler for job type '" + claimed.type() + "' on this node");
            handler.run(job);
            if (job.cancelRequested()) store.cancelled(claimed.id(), claimed.token());
            else store.succeed(claimed.id(), claimed.token(), job.resultValue());
        } catch (JobCancelledException e) {
            store.cancelled(claimed.id(), claimed.token());
        } catch (Throwable e) {
            if (!started && e instanceof InterruptedException) return; // shutting down: released, not failed
            Duration delay = backoff(claimed.attempt());
            log.warn("Job {} ({}) attempt {} failed: {}", claimed.id(), claimed.type(), claimed.attempt(), e.toString());
            store.fail(claimed.id(), claimed.token(), describe(e), delay);
        } finally {
            running.remove(claimed.id());
        }
    }

    /** base · 2^(attempt-1), capped, with ±20% jitter so failed jobs do not return in lockstep. */
    Duration backoff(int attempt) {
        double base = props.jobs().retryBase().toMillis() * Math.pow(2, Math.min(30, attempt - 1));
        double capped = Math.min(base, props.jobs().retryMax().toMillis());
        return Duration.ofMillis((long) (capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private final class QueueWorker {
        private final JobQueue queue;
        private final int threads;
        private final Semaphore slots;
        private final ExecutorService pool;
        private final LinkedBlockingQueue<Boolean> signal = new LinkedBlockingQueue<>(1);
        private volatile boolean active = true;
        private Thread dispatcher;

        QueueWorker(JobQueue queue, int threads) {
            this.queue = queue;
            this.threads = threads;
            this.slots = new Semaphore(threads);
            this.pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("job-" + queue.column() + "-", 1).factory());
        }

        void start() {
            dispatcher = Thread.ofPlatform().name("job-dispatch-" + queue.column()).daemon().start(this::dispatch);
        }

        void wake() {
            signal.offer(Boolean.TRUE);
        }

        private void dispatch() {
            long poll = props.jobs().pollInterval().toMillis();
            while (active) {
                try {
                    slots.acquire(); // wait for a free thread
                    int free = 1 + slots.drainPermits();
                    List<JobRepository.Claimed> claimed = List.of();
                    try {
                        claimed = store.claim(queue, workerId, free, props.jobs().lease());
                    } finally {
                        slots.release(free - claimed.size()); // the slots no job took, also when claiming failed
                    }
                    for (JobRepository.Claimed job : claimed) {
                        pool.execute(() -> {
                            try {
                                execute(job);
                            } finally {
                                slots.release();
                                wake(); // a slot is free: there may be more work waiting
                            }
                        });
                    }
                    if (claimed.size() < free) signal.poll(poll, TimeUnit.MILLISECONDS); // nothing more due: wait for a NOTIFY
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    log.warn("Claiming {} jobs failed: {}", queue.column(), e.getMessage());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }

        void stop() {
            active = false;
            dispatcher.interrupt();
            pool.shutdown();
        }

        void awaitIdle() {
            try {
                if (!pool.awaitTermination(20, TimeUnit.SECONDS)) pool.shutdownNow();
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void quietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("Job maintenance failed: {}", e.getMessage());
        }
    }

    /** NVIDIA device nodes (/dev/nvidia0, …): how many GPUs this machine has; 0 without the driver. */
    static int cudaDevices() {
        try (var files = Files.list(Path.of("/dev"))) {
            return (int) files.filter(p -> p.getFileName().toString().matches("nvidia\\d+")).count();
        } catch (IOException | RuntimeException e) {
            return 0;
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

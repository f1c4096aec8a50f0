package dev.lightbox.jobs.engine;

import dev.lightbox.jobs.JobCancelledException;
import dev.lightbox.jobs.JobFailedForGoodException;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobsProperties;
import dev.lightbox.jobs.domain.JobRepository;
import dev.lightbox.jobs.domain.QueueSettingsRepository;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The executor pools of this node, one per queue (unless its role is {@code web}). Each queue's
 * dispatcher claims as many due jobs as it has free threads, whenever a NOTIFY says there is work or,
 * failing that, every poll interval. One maintenance thread stores progress reports (every 100 ms),
 * renews the leases of the jobs running here and recovers expired leases anywhere; failed attempts are
 * retried with exponential backoff. While the database is unreachable, workers keep the outcome of a
 * finished job and retry storing it (its fenced write is harmless if the job was taken over meanwhile).
 */
@Component
public class JobWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);
    private static final long PROGRESS_WRITE_MS = 100;
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    private final JobRepository store;
    private final NotificationListener notifications;
    private final JobsProperties props;
    private final Map<String, JobHandler<?>> handlers;
    private final PayloadReader payloads;
    private final QueueSettingsRepository settings;
    private final ConnectionBudget budget;
    private final String workerId;
    private final Map<JobQueue, QueueWorker> queues = new ConcurrentHashMap<>();
    private final Map<JobQueue, Integer> cappedAt = new ConcurrentHashMap<>();
    private final Map<UUID, RunningJob> running = new ConcurrentHashMap<>();
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final List<Runnable> startListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile @Nullable ScheduledExecutorService maintenance;
    private volatile boolean started;
    private boolean listening;

    JobWorkers(JobRepository store, NotificationListener notifications, JobsProperties props, List<JobHandler<?>> handlers, PayloadReader payloads,
               ConnectionBudget budget, QueueSettingsRepository settings) {
        this.settings = settings;
        this.budget = budget;
        this.store = store;
        this.notifications = notifications;
        this.props = props;
        this.handlers = handlers.stream().collect(Collectors.toMap(h -> h.type().name(), Function.identity()));
        this.payloads = payloads;
        this.workerId = hostName() + "/" + ProcessHandle.current().pid() + "/" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
    }

    public String workerId() {
        return workerId;
    }

    /** Called at the end of every start, once the queues' threads are known. */
    void onStarted(Runnable listener) {
        startListeners.add(listener);
    }

    /** The threads this node's queue has now (0 when it runs no jobs, or is stopped). */
    public int threads(JobQueue queue) {
        QueueWorker worker = queues.get(queue);
        return worker == null ? 0 : worker.threads();
    }

    /**
     * Sizes each queue's pool: the admin's cluster-wide thread count when set, else this node's own setting, capped by
     * what the database pool allows. Runs at start, at every poll interval, and when a NOTIFY says the setting changed.
     */
    void applySettings() {
        Map<JobQueue, QueueSettingsRepository.QueueSetting> current = settings.queues();
        for (JobQueue queue : JobQueue.values()) {
            QueueWorker worker = queues.get(queue);
            if (worker == null) continue;
            Integer override = Objects.requireNonNull(current.get(queue)).threads();
            int wanted = override != null ? override : worker.ownThreads();
            int other = 0;
            for (JobQueue each : JobQueue.values()) if (each != queue) other += threads(each);
            int granted = budget.fit(wanted, other);
            if (granted < wanted) {
                if (!Integer.valueOf(wanted).equals(cappedAt.put(queue, wanted))) {
                    log.warn("Queue {}: {} thread(s) asked for, {} given: the database pool leaves no connections for more (raise LIGHTBOX_DB_POOL_SIZE)", queue.column(), wanted, granted);
                }
            } else {
                cappedAt.remove(queue);
            }
            worker.resize(granted);
        }
    }

    private void applySettingsSoon() {
        ScheduledExecutorService scheduler = maintenance;
        if (scheduler == null) return;
        try {
            scheduler.execute(() -> quietly("reading queue settings", this::applySettings));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // stopping: nothing to resize
        }
    }

    @Override
    public synchronized void start() {
        started = true;
        if (!props.role().runsJobs()) {
            log.info("Role {}: this node runs no jobs", props.role());
            startListeners.forEach(Runnable::run);
            return;
        }
        for (JobQueue queue : JobQueue.values()) queues.put(queue, new QueueWorker(queue, JobThreads.of(props, queue)));
        quietly("reading queue settings", this::applySettings);
        queues.values().forEach(QueueWorker::start);
        if (!listening) {
            listening = true;
            notifications.onWake(queue -> {
                QueueWorker worker = queues.get(queue);
                if (worker != null) worker.wake();
            });
            notifications.onCancel(id -> {
                RunningJob job = running.get(id);
                if (job != null) job.requestCancel();
            });
            notifications.onQueueSettings(this::applySettingsSoon);
        }
        Duration lease = props.jobs().lease();
        var scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("job-maintenance").daemon().factory());
        scheduler.scheduleWithFixedDelay(() -> quietly("storing job progress", this::writeProgress), PROGRESS_WRITE_MS, PROGRESS_WRITE_MS, TimeUnit.MILLISECONDS);
        // renewing first: after an outage longer than the lease, this node's own running jobs are not recovered from under it
        scheduler.scheduleWithFixedDelay(() -> quietly("renewing job leases", () -> store.renewLeases(workerId, running.keySet(), lease)),
                lease.toMillis() / 3, lease.toMillis() / 3, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> quietly("recovering expired job leases", () -> {
            store.renewLeases(workerId, running.keySet(), lease);
            int recovered = store.recoverExpiredLeases();
            if (recovered > 0) log.warn("Recovered {} job(s) whose worker stopped", recovered);
        }), 0, Math.max(1000, lease.toMillis() / 2), TimeUnit.MILLISECONDS);
        long poll = props.jobs().pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> quietly("reading queue settings", this::applySettings), poll, poll, TimeUnit.MILLISECONDS);
        maintenance = scheduler;
        log.info("Job workers {} started: cpu {} thread(s), gpu {} thread(s)", workerId, threads(JobQueue.CPU), threads(JobQueue.GPU));
        startListeners.forEach(Runnable::run);
    }

    /**
     * Stops claiming, and waits until no claim is in flight (a claim committed after the release below would
     * stay RUNNING until its lease expired, costing a {@code maxAttempts(1)} job its only attempt); lets
     * running jobs finish (20 s at most), then puts back whatever this node still holds.
     */
    @Override
    public synchronized void stop() {
        started = false;
        queues.values().forEach(QueueWorker::stop);
        queues.values().forEach(QueueWorker::joinDispatcher);
        queues.values().forEach(QueueWorker::awaitIdle);
        if (maintenance != null) maintenance.shutdownNow();
        try {
            int released = store.release(workerId);
            if (released > 0) log.info("Put {} unfinished job(s) back in the queue for other workers", released);
        } catch (DataAccessException e) {
            log.warn("Could not put this node's unfinished jobs back ({}); they return to the queue when their lease expires", describe(e));
        }
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

    /**
     * Runs a claimed job: it is in {@link #running} (its lease renewed) from before it was handed to the pool. Returns
     * when the job is due again (a retry after its backoff, a deferral), or null.
     */
    private @Nullable Duration execute(RunningJob job) {
        JobRepository.Claimed claimed = job.claimed();
        try {
            Ended ended = run(job);
            if (ended.outcome() == Outcome.RELEASED) return null;
            try {
                writeProgress(job);
            } catch (DataAccessException e) {
                // the outcome's own write below waits for the database
            }
            return record(job, ended);
        } finally {
            running.remove(claimed.id());
        }
    }

    private enum Outcome { SUCCEEDED, CANCELLED, FAILED, INVALID, RELEASED, DEFERRED }

    private record Ended(Outcome outcome, @Nullable Throwable failure) {
    }

    private Ended run(RunningJob job) {
        JobRepository.Claimed claimed = job.claimed();
        try {
            JobHandler<?> handler = handlers.get(claimed.type());
            if (handler == null) throw new IllegalStateException("No handler for job type '" + claimed.type() + "' on this node");
            run(handler, job, claimed.payload());
            return new Ended(job.cancelRequested() ? Outcome.CANCELLED : Outcome.SUCCEEDED, null);
        } catch (JobCancelledException e) {
            return new Ended(Outcome.CANCELLED, null);
        } catch (PayloadReader.InvalidPayloadException | JobFailedForGoodException e) {
            log.warn("Job {} failed for good: {}", claimed.id(), e.getMessage());
            return new Ended(Outcome.INVALID, e);
        } catch (Throwable e) {
            if (!started && e instanceof InterruptedException) return new Ended(Outcome.RELEASED, e); // shutting down: released, not failed
            if (deferral(e) != null) {
                log.info("Job {} ({}) put off: {}", claimed.id(), claimed.type(), e.getMessage());
                return new Ended(Outcome.DEFERRED, e);
            }
            log.warn("Job {} ({}) attempt {} failed: {}", claimed.id(), claimed.type(), claimed.attempt(), e.toString());
            return new Ended(Outcome.FAILED, e);
        }
    }

    /**
     * Stores the outcome, retrying while the database is unreachable (as long as this node runs). Returns when a job
     * that goes back to the queue is due again, or null.
     */
    private @Nullable Duration record(RunningJob job, Ended ended) {
        JobRepository.Claimed claimed = job.claimed();
        Outcome outcome = ended.outcome();
        List<JobRepository.StepTime> steps = job.stepTimes();
        Duration dueIn = switch (outcome) {
            case FAILED -> backoff(claimed.attempt());
            case DEFERRED -> Objects.requireNonNull(deferral(ended.failure())).deferBy();
            default -> null;
        };
        Duration wait = FIRST_RETRY;
        boolean told = false;
        while (true) {
            try {
                switch (outcome) {
                    case SUCCEEDED -> store.succeed(claimed.id(), claimed.token(), job.resultValue(), steps, forgetsPayload(claimed.type()));
                    case CANCELLED -> store.cancelled(claimed.id(), claimed.token(), steps);
                    case FAILED -> store.fail(claimed.id(), claimed.token(), describe(ended.failure()), Objects.requireNonNull(dueIn), steps);
                    case INVALID -> store.failForGood(claimed.id(), claimed.token(),
                            ended.failure() instanceof RuntimeException refused
                                    && (refused instanceof PayloadReader.InvalidPayloadException || refused instanceof JobFailedForGoodException)
                                    ? String.valueOf(refused.getMessage()) : describe(ended.failure()), steps);
                    case RELEASED -> { }
                    case DEFERRED -> store.defer(claimed.id(), claimed.token(), Objects.requireNonNull(dueIn));
                }
                if (told) log.info("Job {} ({}): outcome {} stored", claimed.id(), claimed.type(), outcome);
                databaseBack();
                return dueIn;
            } catch (DataAccessException e) {
                if (!told) {
                    told = true;
                    log.warn("Job {} ({}) ended ({}) but the outcome cannot be stored yet ({}); retrying until the database answers",
                            claimed.id(), claimed.type(), outcome, describe(e));
                }
                if (!started) return null; // shutting down: the lease runs out and the job is recovered elsewhere
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                wait = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
            }
        }
    }

    private boolean forgetsPayload(String type) {
        JobHandler<?> handler = handlers.get(type);
        return handler != null && handler.forgetsPayloadWhenDone();
    }

    private void writeProgress() {
        for (RunningJob job : running.values()) writeProgress(job);
    }

    /** Stores the job's waiting reports in order; one job's reports are stored by one thread at a time. */
    private void writeProgress(RunningJob job) {
        synchronized (job) {
            List<RunningJob.Report> reports = job.takeReports();
            JobRepository.Claimed claimed = job.claimed();
            for (int i = 0; i < reports.size(); i++) {
                RunningJob.Report report = reports.get(i);
                try {
                    var cancelled = store.progress(claimed.id(), claimed.token(), report.fraction(), report.step(), report.message());
                    if (cancelled.isEmpty() || cancelled.get()) job.requestCancel(); // cancelled, or this attempt no longer holds the job
                } catch (DataAccessException e) {
                    job.restore(reports.subList(i, reports.size()));
                    throw e;
                }
            }
        }
    }

    /** A job reached a new step: store it now rather than at the next tick. */
    private void writeProgressSoon() {
        ScheduledExecutorService scheduler = maintenance;
        if (scheduler == null) return;
        try {
            scheduler.execute(() -> quietly("storing job progress", this::writeProgress));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // shutting down: the job's last reports are stored before its outcome
        }
    }

    private <P extends Record> void run(JobHandler<P> handler, RunningJob job, @Nullable String payload) throws Exception {
        handler.run(job, payloads.read(handler.type(), payload));
    }

    /** base · 2^(attempt-1), capped, with ±20% jitter so failed jobs do not return in lockstep. */
    /** The "not now" among the failure and its causes, if any. */
    static dev.lightbox.jobs.@Nullable JobDeferral deferral(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof dev.lightbox.jobs.JobDeferral deferral) return deferral;
        }
        return null;
    }

    Duration backoff(int attempt) {
        double base = props.jobs().retryBase().toMillis() * Math.pow(2, Math.min(30, attempt - 1));
        double capped = Math.min(base, props.jobs().retryMax().toMillis());
        return Duration.ofMillis((long) (capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
    }

    private static String describe(@Nullable Throwable e) {
        if (e == null) return "unknown error";
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private final class QueueWorker {
        private final JobQueue queue;
        private final WorkerSlots slots;
        private final ThreadPoolExecutor pool;
        private final LinkedBlockingQueue<Boolean> signal = new LinkedBlockingQueue<>(1);
        private volatile boolean active = true;
        private @Nullable Thread dispatcher;

        /** This node's own setting, fixed at start (the processor count the JVM sees may change while it runs). */
        private final int ownThreads;

        QueueWorker(JobQueue queue, int threads) {
            this.queue = queue;
            this.ownThreads = threads;
            this.slots = new WorkerSlots(threads);
            // The slots bound how many jobs run; the pool never makes a claimed job wait for a thread (a hand-off, no
            // queue): after a shrink, jobs claimed before it would otherwise wait unseen behind fewer threads.
            this.pool = new ThreadPoolExecutor(threads, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                    Thread.ofPlatform().name("job-" + queue.column() + "-", 1).factory());
        }

        void start() {
            dispatcher = Thread.ofPlatform().name("job-dispatch-" + queue.column()).daemon().start(this::dispatch);
        }

        void wake() {
            signal.offer(Boolean.TRUE);
        }

        /** A retry or a deferred job is due then: claimed at once, not at the next poll. */
        void wakeIn(Duration delay) {
            ScheduledExecutorService scheduler = maintenance;
            if (scheduler == null || delay.compareTo(props.jobs().pollInterval()) >= 0) return; // the poll comes first
            try {
                scheduler.schedule(this::wake, delay.toMillis() + 1, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // stopping: nothing more is claimed here
            }
        }

        int threads() {
            return slots.size();
        }

        int ownThreads() {
            return ownThreads;
        }

        /**
         * A new size, taken at once: more threads claim more work now; fewer let the running jobs (and any claimed just
         * before) finish first, each on a thread of its own, its lease renewed.
         */
        synchronized void resize(int threads) {
            int old = slots.size();
            if (threads == old) return;
            pool.setCorePoolSize(threads); // threads kept warm; jobs running or claimed beyond it still get theirs
            slots.resize(threads);
            log.info("Queue {}: {} thread(s) instead of {}", queue.column(), threads, old);
            wake();
        }

        private void dispatch() {
            long poll = props.jobs().pollInterval().toMillis();
            while (active) {
                try {
                    List<Integer> free = slots.awaitFree(); // wait for a free thread
                    List<JobRepository.Claimed> claimed = List.of();
                    try {
                        claimed = store.claim(queue, workerId, free.size(), props.jobs().lease());
                        databaseBack();
                    } finally {
                        for (int unused = claimed.size(); unused < free.size(); unused++) slots.release(free.get(unused)); // also when claiming failed
                    }
                    if (!active) return; // stopping: what was just claimed is released with the rest
                    for (int i = 0; i < claimed.size(); i++) {
                        int index = free.get(i);
                        RunningJob job = new RunningJob(claimed.get(i), index, JobWorkers.this::writeProgressSoon);
                        running.put(job.jobId(), job); // its lease is renewed from now on, whenever its thread starts
                        try {
                            pool.execute(() -> {
                                Duration dueAgain = null;
                                try {
                                    dueAgain = execute(job);
                                } finally {
                                    slots.release(index);
                                    wake(); // a slot is free: there may be more work waiting
                                }
                                if (dueAgain != null) wakeIn(dueAgain);
                            });
                        } catch (RejectedExecutionException stopping) {
                            running.remove(job.jobId()); // the pool is shut down: the release at stop puts the job back
                            slots.release(index);
                        }
                    }
                    if (claimed.size() < free.size()) signal.poll(poll, TimeUnit.MILLISECONDS); // nothing more due: wait for a NOTIFY
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    if (!active) return;
                    databaseDown("claiming " + queue.column() + " jobs", e);
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
            if (dispatcher != null) dispatcher.interrupt();
        }

        /** Waits for a claim in flight to commit (one statement); a database that hangs for 30 s is given up on. */
        void joinDispatcher() {
            if (dispatcher == null) return;
            try {
                if (!dispatcher.join(Duration.ofSeconds(30))) {
                    log.warn("The {} dispatcher is still claiming after 30 s; what it claims returns when its lease expires", queue.column());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitIdle() {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(20, TimeUnit.SECONDS)) pool.shutdownNow();
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void quietly(String what, Runnable task) {
        try {
            task.run();
            databaseBack();
        } catch (RuntimeException e) {
            databaseDown(what, e);
        }
    }

    /** One warning per outage, not one per attempt. */
    private void databaseDown(String what, Exception e) {
        if (databaseDown.compareAndSet(false, true)) log.warn("Job workers: {} failed ({}); retrying until the database answers", what, describe(e));
        else log.debug("Job workers: {} failed again ({})", what, describe(e));
    }

    private void databaseBack() {
        if (databaseDown.compareAndSet(true, false)) log.info("Job workers: the database answers again");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}

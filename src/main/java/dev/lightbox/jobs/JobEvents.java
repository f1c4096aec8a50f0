package dev.lightbox.jobs;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * In-process fan-out of job changes arriving by NOTIFY from any node. {@link #publish} only queues: each
 * subscriber gets the events in order on a virtual thread of its own, so a slow one (an SSE client that
 * stopped reading, a UI waiting for its session lock) delays nobody else, above all not the LISTEN thread
 * that wakes workers and delivers cancellations. A subscriber that falls {@value #BACKLOG} events behind
 * loses its oldest unfinished states (a later state of the same job supersedes them); final states are kept.
 * Remove subscriptions when done.
 */
@Component
public class JobEvents {

    static final int BACKLOG = 256;
    private static final Logger log = LoggerFactory.getLogger(JobEvents.class);
    private static final ExecutorService DELIVERY = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("job-events-", 0).factory());

    private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    public Subscription subscribe(Consumer<JobEvent> listener) {
        var subscriber = new Subscriber(listener);
        subscribers.add(subscriber);
        return () -> {
            subscribers.remove(subscriber);
            subscriber.close();
        };
    }

    public int listenerCount() {
        return subscribers.size();
    }

    /** Called by the engine for each change it hears of; returns at once. */
    public void publish(JobEvent event) {
        for (Subscriber subscriber : subscribers) subscriber.offer(event);
    }

    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** One subscriber's backlog and the flag that one virtual thread is draining it. */
    private static final class Subscriber {
        private final Consumer<JobEvent> listener;
        private final ArrayDeque<JobEvent> backlog = new ArrayDeque<>();
        private boolean draining;
        private boolean closed;
        private long dropped;

        Subscriber(Consumer<JobEvent> listener) {
            this.listener = listener;
        }

        void offer(JobEvent event) {
            synchronized (this) {
                if (closed) return;
                if (backlog.size() >= BACKLOG) makeRoom();
                backlog.addLast(event);
                if (draining) return;
                draining = true;
            }
            DELIVERY.execute(this::drain);
        }

        /** Drops the oldest unfinished state (a newer one follows it), else the oldest of all. */
        private void makeRoom() {
            if (dropped++ == 0) log.warn("A job event subscriber is {} events behind; dropping its oldest progress updates", BACKLOG);
            for (Iterator<JobEvent> it = backlog.iterator(); it.hasNext(); ) {
                if (!it.next().status().finished()) {
                    it.remove();
                    return;
                }
            }
            backlog.removeFirst();
        }

        private void drain() {
            while (true) {
                JobEvent next;
                synchronized (this) {
                    next = closed ? null : backlog.pollFirst();
                    if (next == null) {
                        draining = false;
                        return;
                    }
                }
                try {
                    listener.accept(next);
                } catch (RuntimeException e) {
                    log.warn("A job event listener failed: {}", e.toString());
                }
            }
        }

        synchronized void close() {
            closed = true;
            backlog.clear();
        }
    }
}

package dev.lightbox.transform.ui;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One dialog's previews: at most one computes at a time; a newer request replaces the one still waiting; a request
 * that went stale while it waited is dropped before it starts; {@link #close} drops whatever waits.
 */
final class Previews {

    /** {@code work} computes and pushes the preview; {@code dropped} tells the page it will not come. */
    record Request(BooleanSupplier current, Runnable work, Runnable dropped) {
    }

    private final Consumer<Drain> executor;
    private @Nullable Request pending;
    private boolean scheduled;
    private boolean closed;

    Previews(Consumer<Drain> executor) {
        this.executor = executor;
    }

    void submit(Request request) {
        synchronized (this) {
            if (closed) return;
            pending = request;
            if (scheduled) return; // the drain on its way (or running) takes the newest request
            scheduled = true;
        }
        executor.accept(new Drain());
    }

    synchronized void close() {
        closed = true;
        pending = null;
    }

    /** Computes this dialog's pending previews one after the other until none waits. */
    final class Drain implements Runnable {

        @Override
        public void run() {
            while (true) {
                Request next;
                synchronized (Previews.this) {
                    next = closed ? null : pending;
                    pending = null;
                    if (next == null) {
                        scheduled = false;
                        return;
                    }
                }
                try {
                    if (next.current().getAsBoolean()) next.work().run();
                } catch (RuntimeException e) {
                    next.dropped().run(); // the work reports its own failures; this keeps the queue alive regardless
                }
            }
        }

        /** The executor discarded this drain before it ran. */
        void dropped() {
            Request lost;
            synchronized (Previews.this) {
                lost = pending;
                pending = null;
                scheduled = false;
            }
            if (lost != null) lost.dropped().run();
        }
    }
}

package dev.lightbox.transform.ui;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Where Restyle previews compute: a small pool of their own (half the cores, at least one thread) with a bounded
 * queue that drops its oldest entry when full, so a burst of previews can neither starve the shared
 * {@code UiTasks} pool nor pile up work nobody waits for. Each dialog queues through its own {@link Previews}.
 */
@Component
class PreviewRunner implements DisposableBean {

    static final int QUEUE = 8;

    private final ThreadPoolExecutor executor;

    PreviewRunner() {
        this(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), QUEUE);
    }

    PreviewRunner(int threads, int queue) {
        var count = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), work -> {
            Thread thread = new Thread(work, "restyle-preview-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, PreviewRunner::discardOldest);
        executor.allowCoreThreadTimeOut(true);
    }

    /** A fresh queue for one dialog: at most one of its previews computes at a time. */
    Previews open() {
        return new Previews(this::submit);
    }

    private void submit(Previews.Drain drain) {
        executor.execute(drain);
    }

    /** The queue is full: the oldest waiting dialog loses its pending preview (told so), the newest gets in. */
    private static void discardOldest(Runnable work, ThreadPoolExecutor pool) {
        if (pool.isShutdown()) {
            if (work instanceof Previews.Drain drain) drain.dropped();
            return;
        }
        Runnable oldest = pool.getQueue().poll();
        if (oldest instanceof Previews.Drain drain) drain.dropped();
        pool.execute(work);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}

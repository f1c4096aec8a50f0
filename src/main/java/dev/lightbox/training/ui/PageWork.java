package dev.lightbox.training.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;

/**
 * Where the training pages do their database reads and deletes: two daemon threads of their own, never
 * the job-event listener thread nor the session lock; the results are applied with {@code ui.access}.
 */
@Component
class PageWork implements Executor, AutoCloseable {

    private final ExecutorService pool = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("training-page-", 1).daemon().factory());

    @Override
    public void execute(Runnable command) {
        pool.execute(command);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

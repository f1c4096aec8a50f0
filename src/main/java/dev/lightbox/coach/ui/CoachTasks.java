package dev.lightbox.coach.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * Where the Coach page's answers run: a virtual thread each, at most {@link #CONCURRENT} at once in the whole app. An
 * answer may wait on the language model for up to {@code LIGHTBOX_COACH_LLM_TIMEOUT}, so it never takes a thread of the
 * app-wide {@code UiTasks} pool that every other page's background work shares; when all places are taken the page says
 * the coach is busy instead of queueing.
 */
@Component
class CoachTasks implements AutoCloseable {

    /** Answers running at once, for all users together. */
    static final int CONCURRENT = 4;

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("coach-answer-", 1).factory());
    private final Semaphore places = new Semaphore(CONCURRENT);

    /** Starts {@code work} now, or returns false (and runs nothing) when {@link #CONCURRENT} answers are running. */
    boolean tryRun(Runnable work) {
        if (!places.tryAcquire()) return false;
        try {
            threads.execute(() -> {
                try {
                    work.run();
                } finally {
                    places.release();
                }
            });
            return true;
        } catch (RejectedExecutionException closed) {
            places.release();
            return false;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}

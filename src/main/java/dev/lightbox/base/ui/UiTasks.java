package dev.lightbox.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.server.Command;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Slow work a view starts (a bulk delete, …) runs here, off the session lock, so the user's other clicks and
 * every other tab of the session stay responsive; results go back to the page with {@link #push}.
 */
@Component
public class UiTasks implements DisposableBean {

    private static final int THREADS = 4;

    private final ThreadPoolExecutor executor;

    UiTasks() {
        var count = new AtomicInteger();
        executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), work -> {
            Thread thread = new Thread(work, "ui-task-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    public void run(Runnable work) {
        executor.execute(work);
    }

    /** Applies {@code change} to the page under its session lock; a page closed meanwhile is skipped. */
    public static void push(UI ui, Command change) {
        try {
            ui.access(change);
        } catch (UIDetachedException closed) {
            // the user left the page: nothing to show
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}

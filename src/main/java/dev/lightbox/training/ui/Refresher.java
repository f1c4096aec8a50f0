package dev.lightbox.training.ui;

import com.vaadin.flow.server.Command;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a value on {@code executor} (off the caller's thread and the UI lock) and applies it inside
 * {@code access} (the UI's lock). One load runs at a time; requests made while it runs fold into one more
 * load after it, so the last request is always followed by a fresh load and the values apply in order.
 */
final class Refresher<T> {

    private static final Logger log = LoggerFactory.getLogger(Refresher.class);

    private final Executor executor;
    private final Supplier<T> load;
    private final Consumer<Command> access;
    private final Consumer<T> apply;
    /** 0 idle, 1 loading, 2 loading and asked again meanwhile. */
    private final AtomicInteger state = new AtomicInteger();

    Refresher(Executor executor, Supplier<T> load, Consumer<Command> access, Consumer<T> apply) {
        this.executor = executor;
        this.load = load;
        this.access = access;
        this.apply = apply;
    }

    void request() {
        if (state.getAndUpdate(s -> Math.min(2, s + 1)) == 0) executor.execute(this::run);
    }

    private void run() {
        do {
            try {
                T value = load.get();
                access.accept(() -> apply.accept(value));
            } catch (RuntimeException e) {
                log.warn("Refreshing a training page failed: {}", e.toString());
            }
        } while (state.decrementAndGet() > 0);
    }
}

package dev.lightbox.jobs;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * In-process fan-out of job changes arriving by NOTIFY from any node. Listeners run on the listener
 * thread: they must hand work off quickly (UIs use {@code ui.access}); remove them when done.
 */
@Component
public class JobEvents {

    private static final Logger log = LoggerFactory.getLogger(JobEvents.class);
    private final CopyOnWriteArrayList<Consumer<JobEvent>> listeners = new CopyOnWriteArrayList<>();

    public Subscription subscribe(Consumer<JobEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public int listenerCount() {
        return listeners.size();
    }

    /** Called by the engine for each change it hears of. */
    public void publish(JobEvent event) {
        for (Consumer<JobEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("A job event listener failed: {}", e.toString());
            }
        }
    }

    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}

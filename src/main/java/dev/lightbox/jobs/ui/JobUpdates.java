package dev.lightbox.jobs.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import dev.lightbox.jobs.JobEvent;
import dev.lightbox.jobs.JobEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Live job progress for a view, pushed (Vaadin Push) while the view is attached: subscribes on attach,
 * releases on detach, and passes at most 4 updates a second per job (the latest state wins; a job's
 * final state always gets through, and a state never replaces a newer one).
 */
public final class JobUpdates {

    static final long MIN_INTERVAL_MS = 250;
    private static final ScheduledExecutorService FLUSHER =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("job-ui-flush").daemon().factory());

    private JobUpdates() {
    }

    /** Calls {@code update} inside the component's UI (its lock held) for each throttled event that {@code filter} accepts. */
    public static Registration follow(Component component, JobEvents events, Predicate<JobEvent> filter, Consumer<JobEvent> update) {
        Registration onAttach = component.addAttachListener(attach -> start(component, attach.getUI(), events, filter, update));
        Registration onDetach = component.addDetachListener(detach -> stop(component));
        component.getUI().ifPresent(ui -> start(component, ui, events, filter, update));
        return () -> {
            onAttach.remove();
            onDetach.remove();
            stop(component);
        };
    }

    private static void start(Component component, UI ui, JobEvents events, Predicate<JobEvent> filter, Consumer<JobEvent> update) {
        stop(component);
        var throttle = new Throttle(task -> ui.access(task::run), update, FLUSHER);
        JobEvents.Subscription subscription = events.subscribe(event -> {
            if (filter.test(event)) throttle.offer(event);
        });
        ComponentUtilData.put(component, subscription);
    }

    private static void stop(Component component) {
        JobEvents.Subscription subscription = ComponentUtilData.remove(component);
        if (subscription != null) subscription.close();
    }

    /**
     * Per UI: the last time each job was shown, the newest state waiting for its turn, and the version shown
     * last. A state older than the one on screen is dropped when its turn comes (inside the UI's lock): a
     * progress update that waited must not replace the final state that overtook it.
     */
    static final class Throttle {
        private static final int REMEMBERED_JOBS = 10_000;
        private final Consumer<Runnable> access;
        private final Consumer<JobEvent> update;
        private final ScheduledExecutorService flusher;
        private final Map<UUID, Long> shownAt = new ConcurrentHashMap<>();
        private final Map<UUID, JobEvent> waiting = new ConcurrentHashMap<>();
        private final Map<UUID, Long> shownVersion = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Long> eldest) {
                return size() > REMEMBERED_JOBS;
            }
        };

        Throttle(Consumer<Runnable> access, Consumer<JobEvent> update, ScheduledExecutorService flusher) {
            this.access = access;
            this.update = update;
            this.flusher = flusher;
        }

        void offer(JobEvent event) {
            long now = System.currentTimeMillis();
            long last = shownAt.getOrDefault(event.id(), 0L);
            if (event.status().finished() || now - last >= MIN_INTERVAL_MS) {
                waiting.remove(event.id());
                show(event, now);
            } else if (waiting.put(event.id(), event) == null) {
                flusher.schedule(() -> {
                    JobEvent latest = waiting.remove(event.id());
                    if (latest != null) show(latest, System.currentTimeMillis());
                }, last + MIN_INTERVAL_MS - now, TimeUnit.MILLISECONDS);
            }
        }

        private void show(JobEvent event, long now) {
            shownAt.put(event.id(), now);
            if (event.status().finished()) shownAt.remove(event.id());
            access.accept(() -> {
                if (!newest(event)) return;
                update.accept(event);
            });
        }

        private boolean newest(JobEvent event) {
            synchronized (shownVersion) {
                Long shown = shownVersion.get(event.id());
                if (shown != null && shown >= event.version()) return false;
                shownVersion.put(event.id(), event.version());
                return true;
            }
        }
    }

    /** Keeps each component's subscription with the component, so a detach finds it. */
    private static final class ComponentUtilData {
        private static final String KEY = JobUpdates.class.getName();

        static void put(Component component, JobEvents.Subscription subscription) {
            com.vaadin.flow.component.ComponentUtil.setData(component, KEY, subscription);
        }

        static JobEvents.Subscription remove(Component component) {
            var subscription = (JobEvents.Subscription) com.vaadin.flow.component.ComponentUtil.getData(component, KEY);
            com.vaadin.flow.component.ComponentUtil.setData(component, KEY, null);
            return subscription;
        }
    }
}

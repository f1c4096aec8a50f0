package dev.lightbox.jobs.engine;

import dev.lightbox.jobs.JobEvent;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.domain.JobRepository;
import dev.lightbox.jobs.domain.QueueSettingsRepository;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds one database connection that LISTENs for job notifications from every node: wake-ups for the
 * workers, changes for {@link JobEvents}, cancellations for running jobs, queue thread changes. Reconnects when the
 * connection drops; the workers' slow safety poll covers the gap.
 */
@Component
public class NotificationListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    private final DataSource dataSource;
    private final JobEvents events;
    private final JsonMapper json;
    private final CopyOnWriteArrayList<Consumer<JobQueue>> wakeListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<UUID>> cancelListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Runnable> settingsListeners = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private @Nullable Thread thread;

    NotificationListener(DataSource dataSource, JobEvents events, JsonMapper json) {
        this.dataSource = dataSource;
        this.events = events;
        this.json = json;
    }

    void onWake(Consumer<JobQueue> listener) {
        wakeListeners.add(listener);
    }

    void onCancel(Consumer<UUID> listener) {
        cancelListeners.add(listener);
    }

    /** An admin changed a queue's thread count: the listener must hand the work to its own thread. */
    void onQueueSettings(Runnable listener) {
        settingsListeners.add(listener);
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("job-notifications").daemon().start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) thread.interrupt();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + JobRepository.WORK_CHANNEL + "; listen " + JobRepository.EVENT_CHANNEL + "; listen " + JobRepository.CANCEL_CHANNEL
                            + "; listen " + QueueSettingsRepository.SETTINGS_CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                wakeListeners.forEach(l -> { l.accept(JobQueue.CPU); l.accept(JobQueue.GPU); }); // catch up on anything missed
                settingsListeners.forEach(Runnable::run);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null) continue;
                    for (PGNotification notification : notifications) dispatch(notification);
                }
            } catch (Exception e) {
                if (!running) return;
                log.warn("Job notifications interrupted ({}); reconnecting", e.getMessage());
                sleepQuietly(1000);
            }
        }
    }

    private void dispatch(PGNotification notification) {
        switch (notification.getName()) {
            case JobRepository.WORK_CHANNEL -> {
                JobQueue queue = JobQueue.valueOf(notification.getParameter().toUpperCase(java.util.Locale.ROOT));
                wakeListeners.forEach(l -> l.accept(queue));
            }
            case JobRepository.CANCEL_CHANNEL -> {
                UUID id = UUID.fromString(notification.getParameter());
                cancelListeners.forEach(l -> l.accept(id));
            }
            case JobRepository.EVENT_CHANNEL -> events.publish(parse(notification.getParameter()));
            case QueueSettingsRepository.SETTINGS_CHANNEL -> settingsListeners.forEach(Runnable::run);
            default -> { }
        }
    }

    /** The NOTIFY payload's fields are {@link JobEvent}'s components (see {@code JobRepository.NOTIFY}). */
    private JobEvent parse(String payload) {
        return json.readValue(payload, JobEvent.class);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

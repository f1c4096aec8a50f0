package dev.lightbox.jobs.domain;

import dev.lightbox.jobs.JobQueue;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The cluster-wide queue controls (queue_settings, job_type_settings). The claim query in {@link JobRepository}
 * skips paused queues and types; a change to a queue's threads sends a NOTIFY on {@value #SETTINGS_CHANNEL} (every
 * node re-reads its pool sizes), and a resume wakes the queue's workers on every node. NOTIFYs go out at commit.
 */
@Repository
public class QueueSettingsRepository {

    public static final String SETTINGS_CHANNEL = "lightbox_queue_settings";

    /** A queue's row; a queue without one runs, with each node's own thread count. */
    public record QueueSetting(JobQueue queue, boolean paused, @Nullable Integer threads) {
    }

    private final JdbcClient jdbc;

    QueueSettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every queue, with its defaults when it has no row. */
    public Map<JobQueue, QueueSetting> queues() {
        Map<JobQueue, QueueSetting> settings = new EnumMap<>(JobQueue.class);
        for (JobQueue queue : JobQueue.values()) settings.put(queue, new QueueSetting(queue, false, null));
        jdbc.sql("select queue, paused, threads from queue_settings").query((rs, n) -> {
            JobQueue queue = JobQueue.valueOf(rs.getString("queue").toUpperCase(Locale.ROOT));
            boolean paused = rs.getBoolean("paused");
            int threads = rs.getInt("threads");
            return new QueueSetting(queue, paused, rs.wasNull() ? null : threads);
        }).list().forEach(setting -> settings.put(setting.queue(), setting));
        return settings;
    }

    /** Changes the given fields ({@code paused} null: unchanged; {@code setThreads} false: threads unchanged). */
    public QueueSetting update(JobQueue queue, @Nullable Boolean paused, boolean setThreads, @Nullable Integer threads) {
        jdbc.sql("""
                insert into queue_settings (queue, paused, threads, updated_at)
                values (:queue, coalesce(cast(:paused as boolean), false), cast(:threads as integer), now())
                on conflict (queue) do update set
                    paused = coalesce(cast(:paused as boolean), queue_settings.paused),
                    threads = case when cast(:setThreads as boolean) then excluded.threads else queue_settings.threads end,
                    updated_at = now()""")
                .param("queue", queue.column()).param("paused", paused).param("threads", setThreads ? threads : null)
                .param("setThreads", setThreads).update();
        if (setThreads) jdbc.sql("select pg_notify('" + SETTINGS_CHANNEL + "', :queue)").param("queue", queue.column()).query((rs, n) -> 1).list();
        if (Boolean.FALSE.equals(paused)) wake(queue);
        return queue(queue);
    }

    public QueueSetting queue(JobQueue queue) {
        return java.util.Objects.requireNonNull(queues().get(queue));
    }

    public Set<String> pausedTypes() {
        return new HashSet<>(jdbc.sql("select type from job_type_settings where paused").query(String.class).list());
    }

    public void updateType(String type, boolean paused) {
        jdbc.sql("""
                insert into job_type_settings (type, paused, updated_at) values (:type, :paused, now())
                on conflict (type) do update set paused = excluded.paused, updated_at = now()""")
                .param("type", type).param("paused", paused).update();
        if (!paused) {
            // a type's jobs may have been sent to either queue
            for (JobQueue queue : JobQueue.values()) wake(queue);
        }
    }

    private void wake(JobQueue queue) {
        jdbc.sql("select pg_notify('" + JobRepository.WORK_CHANNEL + "', :queue)").param("queue", queue.column()).query((rs, n) -> 1).list();
    }
}

package dev.lightbox.jobs.domain;

import dev.lightbox.jobs.WorkerState;
import dev.lightbox.jobs.WorkerStatus;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The worker registry: every node's row, its heartbeat and orderly stop, and who counts as lost. */
@Repository
public class WorkerRepository {

    /** What a node reports of itself at each beat. */
    public record Beat(String id, @Nullable String nodeId, String role, String host, int cpuThreads, int gpuThreads,
                       @Nullable String gpuName, @Nullable Long gpuMemoryBytes, String version, Instant startedAt) {
    }

    private final JdbcClient jdbc;

    WorkerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Registers the node or renews its row (a row pruned meanwhile comes back), seen now by the database's clock. */
    public void beat(Beat beat) {
        jdbc.sql("""
                insert into workers (id, node_id, role, host, cpu_threads, gpu_threads, gpu_name, gpu_memory_bytes, version, started_at, last_seen_at)
                values (:id, :nodeId, :role, :host, :cpu, :gpu, :gpuName, :gpuMemory, :version, :startedAt, now())
                on conflict (id) do update set node_id = excluded.node_id, cpu_threads = excluded.cpu_threads, gpu_threads = excluded.gpu_threads,
                    gpu_name = excluded.gpu_name, gpu_memory_bytes = excluded.gpu_memory_bytes, last_seen_at = now(), stopped_at = null""")
                .param("id", truncate(beat.id(), 100)).param("nodeId", beat.nodeId()).param("role", beat.role())
                .param("host", truncate(beat.host(), 255)).param("cpu", beat.cpuThreads()).param("gpu", beat.gpuThreads())
                .param("gpuName", beat.gpuName() == null ? null : truncate(beat.gpuName(), 200)).param("gpuMemory", beat.gpuMemoryBytes())
                .param("version", truncate(beat.version(), 50)).param("startedAt", Timestamp.from(beat.startedAt()))
                .update();
    }

    public void stopped(String id) {
        jdbc.sql("update workers set stopped_at = now(), last_seen_at = now() where id = :id").param("id", truncate(id, 100)).update();
    }

    /** Rows of nodes that stopped or went silent longer than {@code age} ago. */
    public int pruneSilentFor(Duration age) {
        return jdbc.sql("delete from workers where last_seen_at < now() - cast(:age as interval)")
                .param("age", age.toMillis() + " milliseconds").update();
    }

    /** Every registered node, online first, then by start; lost = no beat for {@code lostAfter} and no orderly stop. */
    public List<WorkerState> list(Duration lostAfter) {
        return jdbc.sql("""
                select * from (
                    select *, case when stopped_at is not null then 'STOPPED'
                                   when last_seen_at < now() - cast(:lost as interval) then 'LOST' else 'ONLINE' end as status
                    from workers) w
                order by status = 'ONLINE' desc, started_at desc, id""")
                .param("lost", lostAfter.toMillis() + " milliseconds")
                .query((rs, n) -> {
                    long memory = rs.getLong("gpu_memory_bytes");
                    Long gpuMemory = rs.wasNull() ? null : memory;
                    return new WorkerState(rs.getString("id"), rs.getString("node_id"), rs.getString("role"), rs.getString("host"),
                            rs.getInt("cpu_threads"), rs.getInt("gpu_threads"), rs.getString("gpu_name"), gpuMemory,
                            rs.getString("version"), rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("last_seen_at").toInstant(),
                            WorkerStatus.valueOf(rs.getString("status")));
                }).list();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}

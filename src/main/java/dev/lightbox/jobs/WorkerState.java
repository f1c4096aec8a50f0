package dev.lightbox.jobs;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A node in the worker registry: what it runs, on which machine, and whether it still beats. */
public record WorkerState(String id, @Nullable String nodeId, String role, String host, int cpuThreads, int gpuThreads,
                          @Nullable String gpuName, @Nullable Long gpuMemoryBytes, String version, Instant startedAt,
                          Instant lastSeenAt, WorkerStatus status) {
}

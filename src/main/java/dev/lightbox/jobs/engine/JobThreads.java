package dev.lightbox.jobs.engine;

import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobsProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How many worker threads (slots) each queue has: the setting, else cores for cpu and one per GPU for gpu. */
final class JobThreads {

    private JobThreads() {
    }

    static int of(JobsProperties props, JobQueue queue) {
        Integer configured = queue == JobQueue.CPU ? props.jobs().cpuThreads() : props.jobs().gpuThreads();
        if (configured != null) return configured;
        return queue == JobQueue.CPU ? Runtime.getRuntime().availableProcessors() : Math.max(1, cudaDevices());
    }

    /** All queues together, or none when this node runs no jobs. */
    static int total(JobsProperties props) {
        if (!props.role().runsJobs()) return 0;
        int total = 0;
        for (JobQueue queue : JobQueue.values()) total += of(props, queue);
        return total;
    }

    /** NVIDIA device nodes (/dev/nvidia0, …): how many GPUs this machine has; 0 without the driver. */
    static int cudaDevices() {
        try (var files = Files.list(Path.of("/dev"))) {
            return (int) files.filter(p -> p.getFileName().toString().matches("nvidia\\d+")).count();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}

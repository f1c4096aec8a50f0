package dev.lightbox.jobs;

import dev.lightbox.jobs.domain.DiagnosticsRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code system.noop}: a job that does nothing but, when asked, record that it ran and write its result
 * keyed by job id (a re-run after a crash finds the result there and writes nothing). Used by admins to
 * check a node's workers, by the crash and two-worker tests, and by the throughput benchmark.
 */
@Component
public class DiagnosticJob implements JobHandler<DiagnosticJob.Payload> {

    /** {@code record}: absent counts as true (rows written before it was a field). */
    public record Payload(int sleepMs, @Nullable Boolean record) {
        boolean recorded() {
            return !Boolean.FALSE.equals(record);
        }
    }

    public static final JobType<Payload> TYPE = JobType.of("system.noop", "Diagnostic job", JobQueue.CPU, Payload.class);

    private final DiagnosticsRepository diagnostics;

    DiagnosticJob(DiagnosticsRepository diagnostics) {
        this.diagnostics = diagnostics;
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context, Payload payload) throws Exception {
        boolean record = payload.recorded();
        if (record) diagnostics.recordRun(context.jobId());
        if (payload.sleepMs() > 0) {
            context.progress(0, "sleep", "sleeping " + payload.sleepMs() + " ms");
            Thread.sleep(payload.sleepMs());
        }
        if (record) diagnostics.recordResult(context.jobId());
    }
}

package dev.lightbox.jobs;

import dev.lightbox.jobs.domain.DiagnosticsRepository;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code system.noop}: a job that does nothing but, when asked, record that it ran and write its result
 * keyed by job id (a re-run after a crash finds the result there and writes nothing). Used by admins to
 * check a node's workers, by the crash and two-worker tests, and by the throughput benchmark.
 */
@Component
class DiagnosticJob implements JobHandler {

    static final String TYPE = "system.noop";

    private final DiagnosticsRepository diagnostics;

    DiagnosticJob(DiagnosticsRepository diagnostics) {
        this.diagnostics = diagnostics;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) throws Exception {
        Map<String, Object> payload = context.payload();
        boolean record = !Boolean.FALSE.equals(payload.get("record"));
        int sleepMs = payload.get("sleepMs") instanceof Number n ? n.intValue() : 0;
        if (record) diagnostics.recordRun(context.jobId());
        if (sleepMs > 0) {
            context.progress(0, "sleep", "sleeping " + sleepMs + " ms");
            Thread.sleep(sleepMs);
        }
        if (record) diagnostics.recordResult(context.jobId());
    }
}

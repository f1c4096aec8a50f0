package dev.lightbox.jobs;

import dev.lightbox.base.audit.AdminAction;
import dev.lightbox.base.audit.AdminAudit;
import dev.lightbox.jobs.domain.DiagnosticsReport;
import dev.lightbox.jobs.domain.DiagnosticsRepository;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Admin diagnostics of the job engine: enqueue diagnostic jobs, and count what happened to them. */
@Service
public class DiagnosticsService {

    private final JobService jobs;
    private final DiagnosticsRepository repository;
    private final AdminAudit audit;

    DiagnosticsService(JobService jobs, DiagnosticsRepository repository, AdminAudit audit) {
        this.audit = audit;
        this.jobs = jobs;
        this.repository = repository;
    }

    /** The jobs and their audit entry in one transaction: all of them or none. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public int enqueue(UUID admin, int count, int sleepMs, JobQueue queue, boolean record) {
        for (int i = 0; i < count; i++) {
            jobs.enqueue(JobRequest.of(DiagnosticJob.TYPE, admin, new DiagnosticJob.Payload(sleepMs, record)).onQueue(queue).withMaxAttempts(5));
        }
        audit.record(AdminAction.JOBS_DIAGNOSTICS, "queue", queue.name().toLowerCase(java.util.Locale.ROOT),
                "Enqueued " + count + " diagnostic job(s) of " + sleepMs + " ms" + (record ? "" : ", not recorded"));
        return count;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public DiagnosticsReport report() {
        return repository.report(DiagnosticJob.TYPE.name());
    }
}

package dev.lightbox.jobs.domain;

import java.util.Map;

/** What became of the diagnostic jobs: the counts of {@code GET /api/v1/admin/jobs/diagnostics}. */
public record DiagnosticsReport(Map<String, Long> jobs, long executions, long jobsExecutedMoreThanOnce, long results,
                                long succeededWithoutResult, Map<String, Long> succeededByWorker) {
}

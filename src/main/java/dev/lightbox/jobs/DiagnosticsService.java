package dev.lightbox.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Admin diagnostics of the job engine: enqueue diagnostic jobs, and count what happened to them. */
@Service
public class DiagnosticsService {

    private final JobService jobs;
    private final JdbcClient jdbc;

    DiagnosticsService(JobService jobs, JdbcClient jdbc) {
        this.jobs = jobs;
        this.jdbc = jdbc;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public int enqueue(UUID admin, int count, int sleepMs, JobQueue queue, boolean record) {
        for (int i = 0; i < count; i++) {
            jobs.enqueue(JobRequest.of(DiagnosticJob.TYPE, admin, new DiagnosticJob.Payload(sleepMs, record)).onQueue(queue).withMaxAttempts(5));
        }
        return count;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public Map<String, Object> report() {
        var report = new LinkedHashMap<String, Object>();
        var statuses = new LinkedHashMap<String, Long>();
        jdbc.sql("select status, count(*) as n from jobs where type = :type group by status order by status").param("type", DiagnosticJob.TYPE.name())
                .query((rs, n) -> statuses.put(rs.getString("status"), rs.getLong("n"))).list();
        report.put("jobs", statuses);
        report.put("executions", jdbc.sql("select count(*) from job_diagnostic_runs").query(Long.class).single());
        report.put("jobsExecutedMoreThanOnce", jdbc.sql(
                "select count(*) from (select job_id from job_diagnostic_runs group by job_id having count(*) > 1) t").query(Long.class).single());
        report.put("results", jdbc.sql("select count(*) from job_diagnostic_results").query(Long.class).single());
        report.put("succeededWithoutResult", jdbc.sql("""
                select count(*) from jobs j where j.type = :type and j.status = 'SUCCEEDED' and (j.payload ->> 'record')::boolean
                  and not exists (select 1 from job_diagnostic_results r where r.job_id = j.id)""").param("type", DiagnosticJob.TYPE.name())
                .query(Long.class).single());
        var workers = new LinkedHashMap<String, Long>();
        jdbc.sql("""
                select r.worker, count(*) as n from job_runs r join jobs j on j.id = r.job_id
                where j.type = :type and r.outcome = 'SUCCEEDED' group by r.worker order by r.worker""").param("type", DiagnosticJob.TYPE.name())
                .query((rs, n) -> workers.put(rs.getString("worker"), rs.getLong("n"))).list();
        report.put("succeededByWorker", workers);
        return report;
    }
}

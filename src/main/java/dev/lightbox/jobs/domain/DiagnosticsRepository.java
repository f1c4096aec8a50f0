package dev.lightbox.jobs.domain;

import java.util.LinkedHashMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What diagnostic jobs record about their runs, and the counts an admin reads back. */
@Repository
public class DiagnosticsRepository {

    private final JdbcClient jdbc;

    DiagnosticsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void recordRun(UUID jobId) {
        jdbc.sql("insert into job_diagnostic_runs (job_id, ran_at) values (:id, now())").param("id", jobId).update();
    }

    /** Idempotent: a re-run after a crash finds its result there and writes nothing. */
    public void recordResult(UUID jobId) {
        jdbc.sql("insert into job_diagnostic_results (job_id, written_at) values (:id, now()) on conflict (job_id) do nothing")
                .param("id", jobId).update();
    }

    public DiagnosticsReport report(String type) {
        var statuses = new LinkedHashMap<String, Long>();
        jdbc.sql("select status, count(*) as n from jobs where type = :type group by status order by status").param("type", type)
                .query((rs, n) -> statuses.put(rs.getString("status"), rs.getLong("n"))).list();
        long executions = jdbc.sql("select count(*) from job_diagnostic_runs").query(Long.class).single();
        long repeated = jdbc.sql("select count(*) from (select job_id from job_diagnostic_runs group by job_id having count(*) > 1) t")
                .query(Long.class).single();
        long results = jdbc.sql("select count(*) from job_diagnostic_results").query(Long.class).single();
        long withoutResult = jdbc.sql("""
                select count(*) from jobs j where j.type = :type and j.status = 'SUCCEEDED' and (j.payload ->> 'record')::boolean
                  and not exists (select 1 from job_diagnostic_results r where r.job_id = j.id)""").param("type", type)
                .query(Long.class).single();
        var workers = new LinkedHashMap<String, Long>();
        jdbc.sql("""
                select r.worker, count(*) as n from job_runs r join jobs j on j.id = r.job_id
                where j.type = :type and r.outcome = 'SUCCEEDED' group by r.worker order by r.worker""").param("type", type)
                .query((rs, n) -> workers.put(rs.getString("worker"), rs.getLong("n"))).list();
        return new DiagnosticsReport(statuses, executions, repeated, results, withoutResult, workers);
    }
}

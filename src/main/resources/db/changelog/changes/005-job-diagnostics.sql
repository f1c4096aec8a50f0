--liquibase formatted sql

--changeset lightbox:005-job-diagnostics
-- The diagnostic job (system.noop) records every execution and writes one result per job, idempotently:
-- what an admin (or a crash test) checks to see that no job was lost or had its result written twice.
create table job_diagnostic_runs (
    job_id uuid        not null,
    ran_at timestamptz not null
);
create index job_diagnostic_runs_job_idx on job_diagnostic_runs (job_id);
create table job_diagnostic_results (
    job_id     uuid primary key,
    written_at timestamptz not null
);

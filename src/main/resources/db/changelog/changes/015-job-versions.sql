--liquibase formatted sql

--changeset lightbox:015-job-versions splitStatements:false
-- Every change of a job takes the next number of one sequence, after the row is locked: a job's versions
-- rise in the order its changes commit. Events carry it, so a watcher drops a stale state that arrives
-- late, and the API streams it as the SSE event id.
create sequence job_versions;
alter table jobs add column version bigint not null default nextval('job_versions');
create function jobs_next_version() returns trigger language plpgsql as $$
begin
    new.version := nextval('job_versions');
    return new;
end
$$;
create trigger jobs_version before insert or update on jobs for each row execute function jobs_next_version();

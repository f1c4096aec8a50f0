--liquibase formatted sql

--changeset lightbox:004-jobs
-- The durable job queue (DESIGN.md §4). Workers claim with FOR UPDATE SKIP LOCKED and hold a lease they
-- renew; a lease that runs out puts its job back in the queue. Times come from the database clock so
-- every node agrees.
create table jobs (
    id               uuid primary key,
    owner_id         uuid references users (id) on delete cascade,
    type             varchar(64)  not null,
    queue            varchar(8)   not null check (queue in ('gpu', 'cpu')),
    priority         integer      not null default 0,
    status           varchar(12)  not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    attempts         integer      not null default 0,
    max_attempts     integer      not null default 3 check (max_attempts >= 1),
    run_after        timestamptz  not null,
    lease_owner      varchar(100),
    claim_token      uuid,
    lease_until      timestamptz,
    cancel_requested boolean      not null default false,
    progress         double precision not null default 0,
    step             varchar(100),
    message          varchar(500),
    error            text,
    payload          jsonb        not null default '{}',
    result           jsonb,
    subject_id       uuid,
    dedupe_key       varchar(200),
    created_at       timestamptz  not null,
    started_at       timestamptz,
    finished_at      timestamptz
);
create index jobs_claim_idx on jobs (queue, priority desc, run_after, created_at) where status = 'QUEUED';
create index jobs_lease_idx on jobs (lease_until) where status = 'RUNNING';
create index jobs_owner_idx on jobs (owner_id, created_at desc, id desc);
create index jobs_subject_idx on jobs (subject_id) where subject_id is not null;
-- one live or finished job per dedupe key (e.g. the renditions of one content hash)
create unique index jobs_dedupe_uq on jobs (dedupe_key) where dedupe_key is not null and status <> 'FAILED' and status <> 'CANCELLED';

-- every attempt, as it started and ended: the history behind a job's detail panel. A claim's token
-- fences all writes of that attempt, so a worker that lost its lease cannot touch a later attempt.
create table job_runs (
    id          bigserial    primary key,
    job_id      uuid         not null references jobs (id) on delete cascade,
    claim_token uuid         not null unique,
    attempt     integer      not null,
    worker      varchar(100) not null,
    started_at  timestamptz  not null,
    finished_at timestamptz,
    outcome     varchar(12),
    error       text
);
create index job_runs_job_idx on job_runs (job_id, id);

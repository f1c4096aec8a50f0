--liquibase formatted sql

--changeset lightbox:029-admin
-- Issue 17, the admin console.

-- Accounts an admin disabled cannot sign in and their tokens stop working at once.
alter table users add column disabled_at timestamptz;
alter table users add column disabled_reason varchar(300);
alter table users add column last_sign_in_at timestamptz;

-- Cluster-wide queue controls: read by every node's dispatcher (paused) and pool (threads; null = the node's own setting).
create table queue_settings (
    queue      varchar(8)  primary key check (queue in ('gpu', 'cpu')),
    paused     boolean     not null default false,
    threads    integer     check (threads between 1 and 256),
    updated_at timestamptz not null
);

-- A paused job type stays queued on every node (its queue keeps running other types).
create table job_type_settings (
    type       varchar(64) primary key,
    paused     boolean     not null default false,
    updated_at timestamptz not null
);

-- Every node (web, worker or all) registers here and beats; silent for 3 leases = lost.
create table workers (
    id               varchar(100) primary key, -- the node's worker id (host/pid/random), as in jobs.lease_owner
    node_id          varchar(100),             -- the data dir's node-id
    role             varchar(8)   not null check (role in ('ALL', 'WEB', 'WORKER')),
    host             varchar(255) not null,
    cpu_threads      integer      not null default 0,
    gpu_threads      integer      not null default 0,
    gpu_name         varchar(200),
    gpu_memory_bytes bigint,
    version          varchar(50)  not null,
    started_at       timestamptz  not null,
    last_seen_at     timestamptz  not null,
    stopped_at       timestamptz              -- an orderly shutdown; null while running or after a crash
);

-- Per-step durations of finished attempts (multi-step jobs report named steps), for the step averages.
create table job_step_times (
    job_id   uuid         not null references jobs (id) on delete cascade,
    attempt  integer      not null,
    step     varchar(100) not null,
    ms       bigint       not null,
    primary key (job_id, attempt, step)
);

-- Every admin action: who did what to whom and when.
create table audit_log (
    id          bigserial    primary key,
    at          timestamptz  not null,
    actor_id    uuid         references users (id) on delete set null,
    actor_email varchar(254) not null,
    action      varchar(64)  not null,
    target_type varchar(32),
    target_id   varchar(200),
    detail      varchar(2000) not null default ''
);
create index audit_log_at_idx on audit_log (at desc, id desc);
create index audit_log_action_idx on audit_log (action, at desc);
create index audit_log_target_idx on audit_log (target_type, target_id);

-- Statistics and throughput read finished jobs by type within a window.
create index jobs_type_finished_idx on jobs (type, finished_at) where finished_at is not null;

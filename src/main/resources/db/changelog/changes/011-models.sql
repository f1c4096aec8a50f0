--liquibase formatted sql

--changeset lightbox:011-models
-- Image classifiers users train on their labelled photos: one row per model with its training run's
-- lifecycle; model_versions rows are what is published (their files live in S3 under models/{id}/{version}/).
create table models (
    id                 uuid primary key,
    owner_id           uuid          not null references users (id) on delete cascade,
    name               varchar(100)  not null,
    labels             jsonb         not null,
    architecture       varchar(20)   not null,
    config             jsonb         not null,
    status             varchar(12)   not null,
    state              varchar(20)   not null,
    job_id             uuid,
    device             varchar(200),
    message            varchar(500),
    error              varchar(1000),
    history            jsonb         not null default '[]',
    metrics            jsonb,
    samples_per_second double precision,
    active             boolean       not null default false,
    created_at         timestamptz   not null,
    finished_at        timestamptz
);
create index models_owner_idx on models (owner_id, created_at);
create unique index models_active_uq on models (owner_id) where active;

create table model_versions (
    model_id   uuid        not null references models (id) on delete cascade,
    version    integer     not null,
    metrics    jsonb       not null,
    size_bytes bigint      not null,
    created_at timestamptz not null,
    primary key (model_id, version)
);

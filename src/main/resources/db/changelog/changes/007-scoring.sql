--liquibase formatted sql

--changeset lightbox:007-scoring
-- A user's scoring configs: weights per attribute and thresholds; one of them is active.
create table scoring_configs (
    id         uuid primary key,
    owner_id   uuid         not null references users (id) on delete cascade,
    name       varchar(100) not null,
    weights    jsonb        not null,
    thresholds jsonb        not null,
    active     boolean      not null default false,
    created_at timestamptz  not null
);
create unique index scoring_configs_name_uq on scoring_configs (owner_id, lower(name));
create unique index scoring_configs_active_uq on scoring_configs (owner_id) where active;

--liquibase formatted sql

--changeset lightbox:034-trash
-- A trashed photo keeps every row (attributes, scores, labels, skin data) until it is restored or purged;
-- every listing of photos filters on trashed_at is null.
alter table photos add column trashed_at timestamptz;
create index photos_trashed on photos (owner_id, trashed_at desc, id) where trashed_at is not null;
create index photos_trash_expiry on photos (trashed_at) where trashed_at is not null;

--changeset lightbox:034-exports
-- One export zip per row: exports/{owner_id}/{id}.zip in the object store, downloadable until expires_at.
create table exports (
    id           uuid         primary key,
    owner_id     uuid         not null references users (id) on delete cascade,
    job_id       uuid,
    status       text         not null, -- RUNNING, READY, FAILED, EXPIRED
    object_key   text,
    size_bytes   bigint,
    photo_count  integer,
    error        text,
    created_at   timestamptz  not null,
    finished_at  timestamptz,
    expires_at   timestamptz
);
create index exports_owner on exports (owner_id, created_at desc);
create index exports_expiry on exports (expires_at) where status = 'READY';

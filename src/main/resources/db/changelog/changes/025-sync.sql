--liquibase formatted sql

--changeset lightbox:025-sync
-- A photo analysed on the owner's own computer arrives as its hash, metadata and attributes, without its
-- original ('sync'); uploading the same bytes later gives it its original and makes it an 'upload'.
alter table photos add column source varchar(8) not null default 'upload' check (source in ('upload', 'sync'));

-- What the owner's device computed for some bytes, kept per user: a device's numbers never become another
-- user's analysis of the same bytes (that one the server computes from the bytes themselves).
create table synced_analyses (
    owner_id         uuid        not null references users (id) on delete cascade,
    sha256           varchar(64) not null,
    analyzer_version integer     not null,
    attributes       jsonb       not null,
    analysed_at      timestamptz not null,
    received_at      timestamptz not null,
    updated_at       timestamptz not null,
    primary key (owner_id, sha256)
);
-- GET /api/v1/sync/attributes?since=: what changed for a user, in (updated_at, sha256) order
create index synced_analyses_changed_idx on synced_analyses (owner_id, updated_at, sha256);

--liquibase formatted sql

--changeset lightbox:017-culling-groups
-- Groups of similar photos per user, derived from the photos and their analysis: a regrouping job replaces
-- an owner's groups whole. A deleted photo leaves its groups at once (cascade); a group shown has 2 or more.
create table culling_groups (
    id       uuid primary key,
    owner_id uuid        not null references users (id) on delete cascade,
    kind     varchar(8)  not null check (kind in ('burst', 'similar')),
    taken_at timestamp   not null
);
-- the groups API's keyset order: newest group first, per kind
create index culling_groups_page_idx on culling_groups (owner_id, kind, taken_at desc, id desc);
create table culling_group_members (
    group_id uuid     not null references culling_groups (id) on delete cascade,
    photo_id uuid     not null references photos (id) on delete cascade,
    position integer  not null,
    primary key (group_id, photo_id)
);
create index culling_group_members_photo_idx on culling_group_members (photo_id);
-- when each owner's library was last grouped: libraries never grouped are grouped at startup
create table culling_runs (
    owner_id   uuid primary key references users (id) on delete cascade,
    grouped_at timestamptz not null
);

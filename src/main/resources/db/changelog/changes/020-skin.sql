--liquibase formatted sql

--changeset lightbox:020-skin
-- The skin analysis of a content (its bytes) by one skin-analyser version, whoever checked it in: a second
-- check-in of the same bytes reuses it ("inference once"). status: done (metrics, crops), no_face or
-- face_too_small (reason only). The crop objects are written before this row, under keys unique to the run
-- (skin/{sha256}/{run}/…), so a crash leaves at worst objects no row names, which the skin sweep removes.
create table skin_analyses (
    sha256           varchar(64)  not null,
    analyser_version integer      not null,
    status           varchar(16)  not null check (status in ('done', 'no_face', 'face_too_small')),
    reason           text,
    whole            jsonb,
    regions          jsonb,
    details          jsonb,
    polygons         jsonb,
    crop_width       integer,
    crop_height      integer,
    crop_key         varchar(200),
    annotated_key    varchar(200),
    analysed_at      timestamptz  not null,
    primary key (sha256, analyser_version)
);
-- A photo in its owner's skin diary. The outcome is recorded by the skin job: analyser_version names the
-- skin_analyses row that measured it, or failed_reason says why the job failed for good; neither: pending.
-- taken_at is the photo's (copied: the diary's keyset order and date ranges need no join).
create table skin_checkins (
    photo_id         uuid primary key references photos (id) on delete cascade,
    owner_id         uuid         not null references users (id) on delete cascade,
    sha256           varchar(64)  not null,
    taken_at         timestamp    not null,
    source           varchar(8)   not null check (source in ('WEB', 'API', 'PHOTO', 'BOT')),
    added_at         timestamptz  not null,
    job_id           uuid         not null,
    analyser_version integer,
    failed_reason    text
);
-- the diary's keyset order: newest taken_at first
create index skin_checkins_page_idx on skin_checkins (owner_id, taken_at desc, photo_id desc);
create index skin_checkins_sha_idx on skin_checkins (sha256);
create index skin_checkins_job_idx on skin_checkins (job_id);

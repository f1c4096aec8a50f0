--liquibase formatted sql

--changeset lightbox:002-photos
create table photos (
    id               uuid primary key,
    owner_id         uuid         not null references users (id) on delete cascade,
    sha256           varchar(64)  not null,
    size_bytes       bigint       not null,
    format           varchar(8)   not null,
    width            integer      not null,
    height           integer      not null,
    orientation      smallint     not null,
    taken_at         timestamp    not null,
    taken_at_source  varchar(8)   not null,
    uploaded_at      timestamptz  not null,
    original_name    varchar(255),
    camera_make      varchar(100),
    camera_model     varchar(100),
    lens             varchar(200),
    f_number         double precision,
    exposure_seconds double precision,
    iso              integer,
    focal_length_mm  double precision,
    gps_latitude     double precision,
    gps_longitude    double precision
);
-- one row per photo a user holds: the same bytes twice for one user is a duplicate
create unique index photos_owner_sha_uq on photos (owner_id, sha256);
-- the timeline's keyset order: (taken_at, id) descending, scanned backwards
create index photos_timeline_idx on photos (owner_id, taken_at, id);
-- who else references a content-addressed original
create index photos_sha_idx on photos (sha256);

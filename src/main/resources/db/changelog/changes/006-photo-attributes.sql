--liquibase formatted sql

--changeset lightbox:006-photo-attributes
-- Analysis results per content and analyzer version: computed once, shared by every photo with these bytes.
create table photo_attributes (
    sha256           varchar(64) not null,
    analyzer_version integer     not null,
    attributes       jsonb       not null,
    analyzed_at      timestamptz not null,
    primary key (sha256, analyzer_version)
);

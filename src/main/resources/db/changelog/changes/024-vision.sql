--liquibase formatted sql

--changeset lightbox:024-vision
-- What a remote vision model said of some bytes: one row per (content, model), shared by every photo with
-- those bytes, so asking again for the same bytes costs nothing. Bounded by the validator before insert.
create table vision_descriptions (
    content_sha256 varchar(64)   not null,
    model          varchar(200)  not null,
    caption        varchar(500)  not null,
    subjects       text[]        not null,
    setting        varchar(200)  not null,
    mood           varchar(200)  not null,
    tags           text[]        not null,
    aesthetic      smallint      not null check (aesthetic between 1 and 10),
    described_at   timestamptz   not null,
    primary key (content_sha256, model)
);

-- Which description a user's photo asked for: only photos whose owner asked show vision attributes.
create table photo_vision (
    photo_id       uuid primary key references photos (id) on delete cascade,
    owner_id       uuid          not null,
    content_sha256 varchar(64)   not null,
    model          varchar(200)  not null,
    described_at   timestamptz   not null,
    foreign key (content_sha256, model) references vision_descriptions (content_sha256, model)
);
create index photo_vision_owner_idx on photo_vision (owner_id);

-- Library-owned: searchable words per photo and source ("vision": caption and tags; "labels": the owner's
-- labels), written by the modules that own them through PhotoSearch; GET /api/v1/photos?q= reads it.
create table photo_search_text (
    photo_id uuid         not null references photos (id) on delete cascade,
    owner_id uuid         not null,
    source   varchar(20)  not null,
    text     varchar(4000) not null,
    primary key (photo_id, source)
);
create index photo_search_text_owner_idx on photo_search_text (owner_id);

insert into photo_search_text (photo_id, owner_id, source, text)
select photo_id, owner_id, 'labels', left(string_agg(label, ' ' order by label), 4000)
from photo_labels group by photo_id, owner_id;

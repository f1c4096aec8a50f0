--liquibase formatted sql

--changeset lightbox:008-photo-scores
-- Each analysed photo's score under its owner's active config, kept so the library can be ordered and
-- filtered by score; rewritten for the whole library when the active config changes.
create table photo_scores (
    photo_id  uuid primary key references photos (id) on delete cascade,
    owner_id  uuid    not null,
    config_id uuid    not null,
    score     real    not null,
    passed    boolean not null
);
-- keyset pages by score (both directions) within one library
create index photo_scores_rank_idx on photo_scores (owner_id, score, photo_id);

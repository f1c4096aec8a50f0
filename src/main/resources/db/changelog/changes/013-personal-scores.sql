--liquibase formatted sql

--changeset lightbox:013-personal-scores
-- "Learn my taste": per user, what the regressor learnt from their ratings, and its predicted stars (1..5) per photo.
create table taste_models (
    owner_id   uuid primary key references users (id) on delete cascade,
    ratings    integer          not null,
    spearman   double precision not null,
    photos     integer          not null,
    trained_at timestamptz      not null
);
create table personal_scores (
    photo_id uuid primary key references photos (id) on delete cascade,
    owner_id uuid not null,
    stars    real not null
);
create index personal_scores_owner_idx on personal_scores (owner_id);

--liquibase formatted sql

--changeset lightbox:010-labels-ratings
-- Labels a user gives their photos (lower case, one row per photo and label) and 1–5 star ratings.
create table photo_labels (
    photo_id uuid        not null references photos (id) on delete cascade,
    owner_id uuid        not null,
    label    varchar(40) not null,
    added_at timestamptz not null,
    primary key (photo_id, label)
);
-- a library's labels and their counts; the photos with a label
create index photo_labels_owner_label_idx on photo_labels (owner_id, label);

create table photo_ratings (
    photo_id uuid primary key references photos (id) on delete cascade,
    owner_id uuid        not null,
    stars    smallint    not null check (stars between 1 and 5),
    rated_at timestamptz not null
);
create index photo_ratings_owner_idx on photo_ratings (owner_id);

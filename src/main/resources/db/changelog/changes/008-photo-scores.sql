--liquibase formatted sql

--changeset lightbox:008-photo-scores
-- Each analysed photo's score under its owner's active config, kept so the library can be ordered and
-- filtered by score; rewritten for the whole library when the active config changes.
-- Derived data, recomputed from photo_attributes at will, and built for re-scoring 100,000 photos in
-- well under a second: UNLOGGED (no WAL; PostgreSQL empties it after a crash and Lightbox re-scores at
-- startup), no foreign key (the application removes a deleted photo's row, and pages join photos), and
-- no unique key on photo_id (a random-UUID unique index doubles the cost of rewriting a library; writers
-- of one library take an advisory lock instead, so a photo never gets two rows).
create unlogged table photo_scores (
    photo_id  uuid    not null,
    owner_id  uuid    not null,
    score     real    not null,
    passed    boolean not null
);
-- keyset pages by score (both directions) within one library; also finds a photo's row within its library
create index photo_scores_rank_idx on photo_scores (owner_id, score, photo_id);

--liquibase formatted sql

--changeset lightbox:018-photo-flags
-- A photo's cull flag: picked, rejected, or none (the default; stored, so every filter is one equality).
-- Adding a column with a constant default rewrites nothing in PostgreSQL 11+.
alter table photos add column flag varchar(8) not null default 'NONE' check (flag in ('NONE', 'PICKED', 'REJECTED'));
-- picked and rejected photos, newest first within a library (few, and listed on their own)
create index photos_owner_flag_idx on photos (owner_id, flag, taken_at desc, id desc) where flag <> 'NONE';

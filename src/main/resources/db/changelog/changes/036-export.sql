--liquibase formatted sql

--changeset lightbox:036-export-one-running
-- One export running per user at a time: a second start while one runs fails on this index (409 with the running id).
create unique index exports_one_running on exports (owner_id) where status = 'RUNNING';

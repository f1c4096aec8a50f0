--liquibase formatted sql

--changeset lightbox:014-upload-durability
-- One row per upload in progress, written before its first object: the objects it may leave behind if
-- its process dies (the temporary object; the original once its hash is known and before it is copied).
-- A restarted node removes the leftovers of its own earlier incarnations; the periodic sweep the rest.
create table uploads_in_flight (
    id           uuid primary key,
    node_id      text        not null,
    incarnation  uuid        not null,
    temp_key     text        not null,
    original_key text,
    created_at   timestamptz not null default now()
);
create index uploads_in_flight_node_idx on uploads_in_flight (node_id);
create index uploads_in_flight_original_idx on uploads_in_flight (original_key) where original_key is not null;

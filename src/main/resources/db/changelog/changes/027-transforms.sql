--liquibase formatted sql

--changeset lightbox:027-transforms
-- One restyle of a user's photo: (photo, style, params) run as one job on the gpu queue. The result image
-- and its 400 px thumbnail live at results/{id}/result.jpg and results/{id}/thumbnail.jpg; they are stored
-- before the row names them and deleted after the row stops naming them (the storage sweep removes what a
-- crash leaves under results/). steps: [{name, status, ms, message}] in pipeline order.
create table transforms (
    id               uuid primary key,
    owner_id         uuid          not null references users (id) on delete cascade,
    photo_id         uuid          not null references photos (id) on delete cascade,
    style            varchar(120)  not null,
    params           jsonb         not null,
    status           varchar(12)   not null check (status in
                         ('queued', 'analyzing', 'generating', 'validating', 'completed', 'failed', 'cancelled', 'expired')),
    step             varchar(20),
    progress         double precision not null default 0,
    message          varchar(500),
    error            varchar(1000),
    steps            jsonb         not null default '[]',
    job_id           uuid,
    result_key       varchar(300),
    thumbnail_key    varchar(300),
    result_width     integer,
    result_height    integer,
    result_bytes     bigint,
    saved_photo_id   uuid,
    created_at       timestamptz   not null,
    finished_at      timestamptz,
    expires_at       timestamptz
);
create index transforms_owner_idx on transforms (owner_id, created_at desc, id desc);
create index transforms_expiry_idx on transforms (expires_at) where result_key is not null;

-- The model registry of admin-installed ONNX models: kind 'style' (an image-to-image generator, style
-- "onnx:<name>") or 'depth' (the pipeline's depth step). spec: the input spec the admin gave (size, layout,
-- normalisation), checked against the file when installed. The file lives at object_key.
create table transform_models (
    name         varchar(64)   primary key,
    kind         varchar(10)   not null check (kind in ('style', 'depth')),
    title        varchar(200)  not null,
    spec         jsonb         not null,
    object_key   varchar(300)  not null,
    sha256       varchar(64)   not null,
    size_bytes   bigint        not null,
    installed_by uuid          references users (id) on delete set null,
    installed_at timestamptz   not null
);

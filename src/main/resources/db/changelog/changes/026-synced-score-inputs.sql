--liquibase formatted sql

--changeset lightbox:026-synced-score-inputs
-- score_inputs for synced analyses: the same typed columns, per (owner, content) because a device's numbers
-- belong to its user only. Written by the scoring module in the transaction that stores the synced analysis;
-- the library read takes a photo's row from score_inputs when the server analysed its bytes, else from here.
create table synced_score_inputs (
    owner_id           uuid        not null references users (id) on delete cascade,
    sha256             varchar(64) not null,
    exposure           varchar(8),
    sharpness          double precision,
    brightness         double precision,
    shadow_clipping    double precision,
    highlight_clipping double precision,
    contrast           double precision,
    colorfulness       double precision,
    saturation         double precision,
    noise              double precision,
    brisque            double precision,
    thirds             double precision,
    horizon_tilt       double precision,
    face_count         double precision,
    primary key (owner_id, sha256)
);
insert into synced_score_inputs
select s.owner_id, s.sha256, x.exposure, x.sharpness, x.brightness, x."shadowClipping", x."highlightClipping", x.contrast,
       x.colorfulness, x.saturation, x.noise, x.brisque, x.thirds, x."horizonTilt", x."faceCount"
from synced_analyses s
cross join lateral jsonb_to_record(s.attributes) as x(exposure varchar(8), sharpness float8, brightness float8, "shadowClipping" float8,
    "highlightClipping" float8, contrast float8, colorfulness float8, saturation float8, noise float8, brisque float8, thirds float8,
    "horizonTilt" float8, "faceCount" float8);

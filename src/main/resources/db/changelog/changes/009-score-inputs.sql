--liquibase formatted sql

--changeset lightbox:009-score-inputs
-- The attributes scoring reads, per content, as typed columns: a projection of photo_attributes kept by
-- the scoring module (written in the transaction that saves an analysis). Reading these is three times
-- faster than extracting the same values from jsonb, which re-scoring a whole library does.
create table score_inputs (
    sha256             varchar(64) primary key,
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
    face_count         double precision
);
-- contents analysed before this table existed (the newest analyzer version of each)
insert into score_inputs
select distinct on (a.sha256) a.sha256, x.exposure, x.sharpness, x.brightness, x."shadowClipping", x."highlightClipping", x.contrast,
       x.colorfulness, x.saturation, x.noise, x.brisque, x.thirds, x."horizonTilt", x."faceCount"
from photo_attributes a
cross join lateral jsonb_to_record(a.attributes) as x(exposure varchar(8), sharpness float8, brightness float8, "shadowClipping" float8,
    "highlightClipping" float8, contrast float8, colorfulness float8, saturation float8, noise float8, brisque float8, thirds float8,
    "horizonTilt" float8, "faceCount" float8)
order by a.sha256, a.analyzer_version desc;

--liquibase formatted sql

--changeset lightbox:032-stats
-- Issue 17, job statistics and the admin overview.

-- Statistics read the jobs created in a window (default the last 24 h).
create index jobs_created_idx on jobs (created_at);

-- The bytes of a content's preview and thumbnail, written when the renditions job stores them, so the overview
-- sums stored renditions from rows instead of listing the bucket. Null: not made (yet), or made before this column.
alter table photos add column rendition_bytes bigint;

-- One-off backfill from the renditions jobs that still have their results (older ones went with retention).
update photos p set rendition_bytes = r.bytes
from (select distinct on (j.payload ->> 'sha256') j.payload ->> 'sha256' as sha256,
             (j.result ->> 'previewBytes')::bigint + (j.result ->> 'thumbnailBytes')::bigint as bytes
      from jobs j
      where j.type = 'library.renditions' and j.status = 'SUCCEEDED' and j.result ->> 'skipped' is null
        and j.result ->> 'previewBytes' is not null
      order by j.payload ->> 'sha256', j.finished_at desc) r
where p.sha256 = r.sha256 and p.source = 'upload';

--liquibase formatted sql

--changeset lightbox:028-j-jobs-finished
-- The retention sweep deletes finished jobs older than LIGHTBOX_RETENTION_JOBS, oldest first, in batches.
create index jobs_finished_idx on jobs (finished_at) where status in ('SUCCEEDED', 'FAILED', 'CANCELLED');

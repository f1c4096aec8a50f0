--liquibase formatted sql

--changeset lightbox:033-step-order
-- The order a step ran in within its attempt (1, 2, …), so step averages read as a timeline, not alphabetically.
alter table job_step_times add column position integer not null default 0;

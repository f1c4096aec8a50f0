--liquibase formatted sql

--changeset lightbox:037-deletion
-- Account deletion deletes the users row and lets foreign keys take every row that references it. photo_scores (an
-- unlogged table of derived scores) was the one table whose owner had no path to users: it gets a cascade.
delete from photo_scores s where not exists (select 1 from users u where u.id = s.owner_id);
alter table photo_scores add constraint photo_scores_owner_fk foreign key (owner_id) references users (id) on delete cascade;

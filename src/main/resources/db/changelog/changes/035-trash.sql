--liquibase formatted sql

--changeset lightbox:035-trash-counts splitStatements:false
-- photo_counts counts live photos only: a photo moved to the trash leaves the count, a restored one comes back,
-- and deleting a trashed photo forever leaves it unchanged.
update photo_counts c set photos = coalesce((select count(*) from photos p where p.owner_id = c.owner_id and p.trashed_at is null), 0);

create or replace function photo_counts_add() returns trigger language plpgsql as $$
begin
    insert into photo_counts (owner_id, photos)
    select owner_id, count(*) filter (where trashed_at is null) from added group by owner_id
    on conflict (owner_id) do update set photos = photo_counts.photos + excluded.photos;
    return null;
end $$;

create or replace function photo_counts_remove() returns trigger language plpgsql as $$
begin
    update photo_counts c set photos = c.photos - r.n
    from (select owner_id, count(*) as n from removed where trashed_at is null group by owner_id) r
    where c.owner_id = r.owner_id;
    return null;
end $$;

create function photo_counts_trash() returns trigger language plpgsql as $$
begin
    update photo_counts c set photos = c.photos + r.n
    from (select n.owner_id, sum(case when n.trashed_at is null then 1 else -1 end) as n
          from before_update o join after_update n on n.id = o.id
          where (o.trashed_at is null) <> (n.trashed_at is null) group by n.owner_id) r
    where c.owner_id = r.owner_id;
    return null;
end $$;

create trigger photos_counted_on_trash after update on photos
    referencing old table as before_update new table as after_update for each statement execute function photo_counts_trash();

--liquibase formatted sql

--changeset lightbox:003-photo-counts splitStatements:false
-- How many photos each user has, kept by the database itself so the timeline's count costs one row
-- read however large the library grows. Statement-level triggers: a bulk insert updates it once.
create table photo_counts (
    owner_id uuid primary key references users (id) on delete cascade,
    photos   bigint not null check (photos >= 0)
);

insert into photo_counts (owner_id, photos) select owner_id, count(*) from photos group by owner_id;

create function photo_counts_add() returns trigger language plpgsql as $$
begin
    insert into photo_counts (owner_id, photos)
    select owner_id, count(*) from added group by owner_id
    on conflict (owner_id) do update set photos = photo_counts.photos + excluded.photos;
    return null;
end $$;

create function photo_counts_remove() returns trigger language plpgsql as $$
begin
    update photo_counts c set photos = c.photos - r.n
    from (select owner_id, count(*) as n from removed group by owner_id) r
    where c.owner_id = r.owner_id;
    return null;
end $$;

create trigger photos_counted_on_insert after insert on photos
    referencing new table as added for each statement execute function photo_counts_add();
create trigger photos_counted_on_delete after delete on photos
    referencing old table as removed for each statement execute function photo_counts_remove();

--liquibase formatted sql

--changeset lightbox:023-stripe
-- Checkout Sessions this Lightbox created, with the buyer and the pack: the credits granted come from this row,
-- never from the event. status goes open -> paid (credited, once) or open -> expired.
create table stripe_checkouts (
    session_id   varchar(255) primary key,
    user_id      uuid         not null references users (id) on delete cascade,
    pack_id      varchar(32)  not null,
    credits      bigint       not null check (credits > 0),
    amount       bigint       not null check (amount > 0),
    currency     varchar(3)   not null,
    status       varchar(8)   not null default 'open' check (status in ('open', 'paid', 'expired')),
    created_at   timestamptz  not null,
    completed_at timestamptz,
    check ((status = 'paid') = (completed_at is not null))
);
create index stripe_checkouts_user_idx on stripe_checkouts (user_id, created_at desc);

-- Every verified Stripe event handled, once: a replayed or retried event id finds its row and does nothing.
create table stripe_events (
    event_id    varchar(255) primary key,
    type        varchar(255) not null,
    session_id  varchar(255),
    received_at timestamptz  not null
);

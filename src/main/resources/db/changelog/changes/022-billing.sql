--liquibase formatted sql

--changeset lightbox:022-billing
-- Credits (issue 14). The balance row is changed only under SELECT … FOR UPDATE, in the same transaction as
-- the ledger entry that explains the change, so the entries of a user always sum to the balance.
create table credit_balances (
    user_id    uuid        primary key references users (id) on delete cascade,
    balance    bigint      not null default 0 check (balance >= 0),
    reserved   bigint      not null default 0 check (reserved >= 0),
    updated_at timestamptz not null
);

-- Append-only. A job's USAGE and REFUND entries name the job (reference) and which hold of it they are about
-- (a job run again after its refund is held again: hold 2, …).
create table credit_entries (
    id            bigserial    primary key,
    user_id       uuid         not null references users (id) on delete cascade,
    kind          varchar(12)  not null check (kind in ('GRANT', 'PURCHASE', 'USAGE', 'REFUND', 'ADJUSTMENT')),
    amount        bigint       not null check (amount <> 0),
    balance_after bigint       not null check (balance_after >= 0),
    reason        varchar(200) not null,
    reference     varchar(200),
    hold          integer      check (hold >= 1),
    created_at    timestamptz  not null,
    check ((kind in ('USAGE', 'REFUND')) = (hold is not null)),
    check (kind <> 'USAGE' or amount < 0),
    check (kind not in ('GRANT', 'PURCHASE', 'REFUND') or amount > 0)
);
create index credit_entries_user_idx on credit_entries (user_id, id desc);
-- granted once per reference (a Checkout Session)
create unique index credit_entries_purchase_uq on credit_entries (reference) where kind = 'PURCHASE';
-- each hold of a job is charged once and refunded at most once: never charged twice
create unique index credit_entries_job_uq on credit_entries (reference, hold, kind) where kind in ('USAGE', 'REFUND');

-- One reservation per job (the primary key): held until the job's outcome settles it (usage stays) or
-- releases it (a REFUND entry). holds counts how often it was taken (a retried job is held again).
create table credit_reservations (
    job_id     uuid         primary key,
    user_id    uuid         not null references users (id) on delete cascade,
    amount     bigint       not null check (amount > 0),
    status     varchar(8)   not null check (status in ('held', 'settled', 'released')),
    holds      integer      not null default 1 check (holds >= 1),
    reason     varchar(200) not null,
    created_at timestamptz  not null,
    settled_at timestamptz,
    check ((status = 'held') = (settled_at is null))
);
create index credit_reservations_held_idx on credit_reservations (job_id) where status = 'held';

--liquibase formatted sql

--changeset lightbox:001-accounts
create table users (
    id            uuid primary key,
    email         varchar(254) not null,
    password_hash varchar(100) not null,
    role          varchar(16)  not null check (role in ('USER', 'ADMIN')),
    created_at    timestamptz  not null
);
create unique index users_email_uq on users (email);

create table api_tokens (
    id           uuid primary key,
    user_id      uuid         not null references users (id) on delete cascade,
    name         varchar(100) not null,
    token_hash   varchar(64)  not null,
    prefix       varchar(16)  not null,
    created_at   timestamptz  not null,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create unique index api_tokens_hash_uq on api_tokens (token_hash);
create index api_tokens_user_idx on api_tokens (user_id, created_at desc);

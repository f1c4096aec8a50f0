--liquibase formatted sql

--changeset lightbox:021-telegram
-- One Telegram chat per account and one account per chat; /stop or DELETE /api/v1/telegram removes the row.
create table telegram_links (
    user_id   uuid primary key references users (id) on delete cascade,
    chat_id   bigint       not null,
    username  varchar(64),
    linked_at timestamptz  not null
);
create unique index telegram_links_chat_uq on telegram_links (chat_id);

-- "Connect Telegram" tokens: one-time, stored as SHA-256 hex only, valid until expires_at.
create table telegram_link_tokens (
    token_hash varchar(64) primary key,
    user_id    uuid        not null references users (id) on delete cascade,
    expires_at timestamptz not null
);
create index telegram_link_tokens_user_idx on telegram_link_tokens (user_id);

-- The getUpdates offset (last handled update_id + 1), so a restarted node does not handle old updates again.
create table telegram_state (
    id            smallint primary key check (id = 1),
    update_offset bigint   not null
);
insert into telegram_state (id, update_offset) values (1, 0);

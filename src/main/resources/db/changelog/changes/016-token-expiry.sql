--liquibase formatted sql

--changeset lightbox:016-token-expiry
-- LOGIN tokens come from API logins and expire some time after their last use (LIGHTBOX_LOGIN_TOKEN_TTL);
-- NAMED tokens are made on purpose and last until revoked or until their own expires_at, when set.
alter table api_tokens add column kind varchar(8) not null default 'NAMED' check (kind in ('NAMED', 'LOGIN'));
alter table api_tokens add column expires_at timestamptz;
update api_tokens set kind = 'LOGIN' where name like 'API login %';

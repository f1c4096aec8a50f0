package dev.lightbox.telegram.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Linked chats and the one-time link tokens (hashes only). */
@Repository
public class TelegramLinkRepository {

    private final JdbcClient jdbc;

    TelegramLinkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the account's outstanding token, if any (only the newest link works), and drops expired ones. */
    public void replaceToken(UUID userId, String tokenHash, Instant expiresAt, Instant now) {
        jdbc.sql("delete from telegram_link_tokens where user_id = ? or expires_at < ?").params(userId, Timestamp.from(now)).update();
        jdbc.sql("insert into telegram_link_tokens (token_hash, user_id, expires_at) values (?, ?, ?)")
                .params(tokenHash, userId, Timestamp.from(expiresAt)).update();
    }

    /** Takes the token away (it works once) and answers its account when it had not expired by {@code now}. */
    public Optional<UUID> consumeToken(String tokenHash, Instant now) {
        return jdbc.sql("delete from telegram_link_tokens where token_hash = ? returning user_id, expires_at")
                .param(tokenHash)
                .query((rs, row) -> new Taken(rs.getObject("user_id", UUID.class), rs.getTimestamp("expires_at").toInstant()))
                .optional()
                .filter(taken -> taken.expiresAt().isAfter(now))
                .map(Taken::userId);
    }

    private record Taken(UUID userId, Instant expiresAt) {
    }

    /** Links the chat to the account, taking it from any other account and replacing the account's earlier chat. */
    public void link(UUID userId, long chatId, @Nullable String username, Instant now) {
        jdbc.sql("delete from telegram_links where chat_id = ? and user_id <> ?").params(chatId, userId).update();
        jdbc.sql("""
                insert into telegram_links (user_id, chat_id, username, linked_at) values (?, ?, ?, ?)
                on conflict (user_id) do update set chat_id = excluded.chat_id, username = excluded.username, linked_at = excluded.linked_at""")
                .params(java.util.Arrays.asList(userId, chatId, username, Timestamp.from(now))).update();
    }

    public Optional<TelegramLink> findByUser(UUID userId) {
        return jdbc.sql("select user_id, chat_id, username, linked_at from telegram_links where user_id = ?").param(userId)
                .query(TelegramLinkRepository::link).optional();
    }

    public Optional<TelegramLink> findByChat(long chatId) {
        return jdbc.sql("select user_id, chat_id, username, linked_at from telegram_links where chat_id = ?").param(chatId)
                .query(TelegramLinkRepository::link).optional();
    }

    public boolean deleteByUser(UUID userId) {
        return jdbc.sql("delete from telegram_links where user_id = ?").param(userId).update() > 0;
    }

    public boolean deleteByChat(long chatId) {
        return jdbc.sql("delete from telegram_links where chat_id = ?").param(chatId).update() > 0;
    }

    private static TelegramLink link(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new TelegramLink(rs.getObject("user_id", UUID.class), rs.getLong("chat_id"), rs.getString("username"),
                rs.getTimestamp("linked_at").toInstant());
    }
}

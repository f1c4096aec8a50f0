package dev.lightbox.telegram.domain;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The getUpdates offset: the next update_id to ask for; it only moves forward. */
@Repository
public class TelegramStateRepository {

    private final JdbcClient jdbc;

    TelegramStateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long offset() {
        return jdbc.sql("select update_offset from telegram_state where id = 1").query(Long.class).single();
    }

    public void advanceOffset(long next) {
        jdbc.sql("update telegram_state set update_offset = greatest(update_offset, ?) where id = 1").param(next).update();
    }
}

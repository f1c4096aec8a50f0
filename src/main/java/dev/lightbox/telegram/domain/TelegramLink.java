package dev.lightbox.telegram.domain;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An account's linked Telegram chat; {@code username} is the Telegram @name when the person has one. */
public record TelegramLink(UUID userId, long chatId, @Nullable String username, Instant linkedAt) {
}

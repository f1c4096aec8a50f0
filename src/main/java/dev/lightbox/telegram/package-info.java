/**
 * The Telegram bot: linking a chat to an account with a one-time token, photo intake into the skin diary,
 * replies with the measured metrics, and a few commands. Started only when {@code LIGHTBOX_TELEGRAM_BOT_TOKEN}
 * is set; one node polls at a time (a PostgreSQL advisory lock), or Telegram calls the webhook.
 */
@NullMarked
@ApplicationModule(displayName = "Telegram")
package dev.lightbox.telegram;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

package dev.lightbox.telegram.service;

import dev.lightbox.telegram.domain.TelegramLink;
import dev.lightbox.telegram.domain.TelegramLinkRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Linking a Telegram chat to an account: the Settings page or {@code POST /api/v1/telegram/link} makes a
 * one-time token (43 characters of {@code [A-Za-z0-9_-]}, valid {@link #TOKEN_TTL}, kept only as its SHA-256);
 * the person opens {@code https://t.me/<bot>?start=<token>} and the bot's {@code /start <token>} links the chat.
 */
@Service
public class TelegramLinkService {

    public static final Duration TOKEN_TTL = Duration.ofMinutes(15);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TelegramLinkRepository links;
    private final ObjectProvider<BotApi> bot;
    private final Clock clock;

    TelegramLinkService(TelegramLinkRepository links, ObjectProvider<BotApi> bot, Clock clock) {
        this.links = links;
        this.bot = bot;
        this.clock = clock;
    }

    public record LinkOffer(String token, String url, Instant expiresAt) {
    }

    public record LinkStatus(boolean linked, @Nullable String username) {
    }

    public boolean botEnabled() {
        return bot.getIfAvailable() != null;
    }

    /** A fresh link for the account (earlier unused ones stop working); {@link BotNotConfiguredException} without a bot. */
    @Transactional
    public LinkOffer createLink(UUID userId) {
        BotApi api = bot.getIfAvailable();
        if (api == null) throw new BotNotConfiguredException();
        String username = api.username();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(TOKEN_TTL);
        links.replaceToken(userId, hash(token), expiresAt, now);
        return new LinkOffer(token, "https://t.me/" + username + "?start=" + token, expiresAt);
    }

    @Transactional(readOnly = true)
    public LinkStatus status(UUID userId) {
        return links.findByUser(userId).map(link -> new LinkStatus(true, link.username())).orElse(new LinkStatus(false, null));
    }

    @Transactional
    public boolean unlink(UUID userId) {
        return links.deleteByUser(userId);
    }

    /** {@code /start <token>}: links the chat to the token's account when the token is valid, and uses it up. */
    @Transactional
    public Optional<UUID> linkChat(String token, long chatId, @Nullable String username) {
        if (!TOKEN.matcher(token).matches()) return Optional.empty();
        Instant now = clock.instant();
        Optional<UUID> owner = links.consumeToken(hash(token), now);
        owner.ifPresent(userId -> links.link(userId, chatId, username, now));
        return owner;
    }

    @Transactional(readOnly = true)
    public Optional<UUID> ownerOf(long chatId) {
        return links.findByChat(chatId).map(TelegramLink::userId);
    }

    @Transactional(readOnly = true)
    public Optional<Long> chatOf(UUID userId) {
        return links.findByUser(userId).map(TelegramLink::chatId);
    }

    @Transactional
    public boolean unlinkChat(long chatId) {
        return links.deleteByChat(chatId);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** No {@code LIGHTBOX_TELEGRAM_BOT_TOKEN} on this server. */
    public static class BotNotConfiguredException extends RuntimeException {
        public BotNotConfiguredException() {
            super("This Lightbox has no Telegram bot: its operator sets LIGHTBOX_TELEGRAM_BOT_TOKEN to enable one.");
        }
    }
}

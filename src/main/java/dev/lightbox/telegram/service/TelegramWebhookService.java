package dev.lightbox.telegram.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lightbox.base.LightboxStartupException;
import dev.lightbox.telegram.TelegramProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Webhook mode: registers {@code setWebhook} with the secret at startup, and takes the updates Telegram posts
 * to {@code /api/v1/telegram/webhook} only with the matching {@code X-Telegram-Bot-Api-Secret-Token} header
 * (TelegramBots does not check it). Updates are handled off the request thread, so Telegram gets its 200 at once.
 */
@Service
public class TelegramWebhookService implements AutoCloseable {

    public static final String PATH = "/api/v1/telegram/webhook";
    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** Far more than any update Telegram sends (they carry file ids, not files). */
    public static final int MAX_UPDATE_BYTES = 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(TelegramWebhookService.class);

    public enum Verdict { ACCEPTED, NO_WEBHOOK, MISSING_SECRET, WRONG_SECRET, NOT_AN_UPDATE }

    private final TelegramProperties settings;
    private final ObjectProvider<BotApi> api;
    private final ObjectProvider<BotConversation> conversation;
    private final @Nullable String webhookUrl;
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final ExecutorService handling = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("telegram-webhook").daemon().factory());

    TelegramWebhookService(TelegramProperties settings, ObjectProvider<BotApi> api, ObjectProvider<BotConversation> conversation,
                           @Value("${lightbox.public-url:}") String publicUrl) {
        this.settings = settings;
        this.api = api;
        this.conversation = conversation;
        this.webhookUrl = webhookMode() ? webhookUrl(settings, publicUrl) : null;
    }

    private boolean webhookMode() {
        return settings.enabled() && settings.mode() == TelegramProperties.Mode.WEBHOOK;
    }

    private static String webhookUrl(TelegramProperties settings, String publicUrl) {
        URI configured = settings.webhookUrl();
        if (configured != null) return configured.toString();
        if (publicUrl.isBlank()) {
            throw new LightboxStartupException("LIGHTBOX_TELEGRAM_MODE=webhook needs LIGHTBOX_TELEGRAM_WEBHOOK_URL or LIGHTBOX_PUBLIC_URL: "
                    + "the HTTPS address Telegram should call.", "Set LIGHTBOX_TELEGRAM_WEBHOOK_URL (https://your.host" + PATH + ") or LIGHTBOX_PUBLIC_URL.");
        }
        URI base = URI.create(publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl);
        return base + PATH;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        BotApi bot = api.getIfAvailable();
        if (webhookUrl == null || bot == null || settings.webhookSecret() == null) return;
        try {
            bot.setWebhook(webhookUrl, settings.webhookSecret());
            log.info("Telegram: webhook registered at {}", webhookUrl);
        } catch (BotApi.BotApiException e) {
            log.warn("Telegram: the webhook could not be registered (Telegram will not send updates until it is): {}", e.getMessage());
        }
    }

    /** Whether a webhook call with this header may be read at all; checked before its body is read. */
    public Verdict check(@Nullable String secretHeader) {
        String secret = settings.webhookSecret();
        if (webhookUrl == null || secret == null || conversation.getIfAvailable() == null) return Verdict.NO_WEBHOOK;
        if (secretHeader == null || secretHeader.isEmpty()) return Verdict.MISSING_SECRET;
        if (!MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), secretHeader.getBytes(StandardCharsets.UTF_8))) {
            return Verdict.WRONG_SECRET;
        }
        return Verdict.ACCEPTED;
    }

    /** Checks the secret header, then hands the update on; nothing is processed unless the verdict is ACCEPTED. */
    public Verdict receive(@Nullable String secretHeader, byte[] body) {
        Verdict verdict = check(secretHeader);
        BotConversation handler = conversation.getIfAvailable();
        if (verdict != Verdict.ACCEPTED || handler == null) return verdict;
        Update update;
        try {
            update = json.readValue(body, Update.class);
        } catch (IOException e) {
            return Verdict.NOT_AN_UPDATE;
        }
        handling.execute(() -> handler.handle(update));
        return Verdict.ACCEPTED;
    }

    @Override
    public void close() {
        handling.shutdownNow();
    }
}

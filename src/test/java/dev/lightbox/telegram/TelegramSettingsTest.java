package dev.lightbox.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.support.AppRunner;
import dev.lightbox.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** Bot settings that cannot work stop startup with a sentence naming the setting (and never showing the token). */
class TelegramSettingsTest {

    private static String messages(Throwable e) {
        var text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) text.append(t.getMessage()).append('\n');
        return text.toString();
    }

    @Test
    void webhookModeNeedsASecretAndAnAddress() {
        assertThatThrownBy(() -> AppRunner.start(IntegrationTest.newDataDir("tg-nosecret"), "lightbox.telegram.bot-token=" + TelegramBotTest.TOKEN,
                "lightbox.telegram.mode=webhook", "lightbox.public-url=https://photos.example.test"))
                .satisfies(e -> assertThat(messages(e)).contains("LIGHTBOX_TELEGRAM_WEBHOOK_SECRET").doesNotContain(TelegramBotTest.TOKEN));
        assertThatThrownBy(() -> AppRunner.start(IntegrationTest.newDataDir("tg-nourl"), "lightbox.telegram.bot-token=" + TelegramBotTest.TOKEN,
                "lightbox.telegram.mode=webhook", "lightbox.telegram.webhook-secret=webhook-Secret_0123456789abcdef"))
                .satisfies(e -> assertThat(messages(e)).contains("LIGHTBOX_TELEGRAM_WEBHOOK_URL"));
    }

    @Test
    void aTokenThatIsNoBotTokenOrAnApiUrlThatIsNoUrlIsRefused() {
        assertThatThrownBy(() -> AppRunner.start(IntegrationTest.newDataDir("tg-badtoken"), "lightbox.telegram.bot-token=hello"))
                .satisfies(e -> assertThat(messages(e)).contains("LIGHTBOX_TELEGRAM_BOT_TOKEN").doesNotContain("=hello"));
        assertThatThrownBy(() -> AppRunner.start(IntegrationTest.newDataDir("tg-badurl"), "lightbox.telegram.bot-token=" + TelegramBotTest.TOKEN,
                "lightbox.telegram.api-url=ftp://example.test"))
                .satisfies(e -> assertThat(messages(e)).contains("LIGHTBOX_TELEGRAM_API_URL"));
    }
}

package dev.lightbox.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.support.AppRunner;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.telegram.service.TelegramWebhookService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Bot settings that cannot work stop startup with a sentence naming the setting (and never showing the token).
 * Each refusal is checked on the bot's settings and webhook service as the app binds and builds them (no
 * database, no server: well under a second); one starts the whole app, to show a refusal stops real startup.
 */
class TelegramSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TelegramProperties.class)
    @Import(TelegramWebhookService.class)
    static class BotSettings {
    }

    private final ApplicationContextRunner bot = new ApplicationContextRunner().withUserConfiguration(BotSettings.class);

    private static String messages(Throwable e) {
        var text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) text.append(t.getMessage()).append('\n');
        return text.toString();
    }

    @Test
    void webhookModeWithoutASecretStopsTheAppsStartupWithoutShowingTheToken() {
        assertThatThrownBy(() -> AppRunner.start(IntegrationTest.newDataDir("tg-nosecret"), "lightbox.telegram.bot-token=" + TelegramBotTest.TOKEN,
                "lightbox.telegram.mode=webhook", "lightbox.public-url=https://photos.example.test"))
                .satisfies(e -> assertThat(messages(e)).contains("LIGHTBOX_TELEGRAM_WEBHOOK_SECRET").doesNotContain(TelegramBotTest.TOKEN));
    }

    @Test
    void webhookModeNeedsASecretAndAnAddress() {
        bot.withPropertyValues("lightbox.telegram.bot-token=" + TelegramBotTest.TOKEN, "lightbox.telegram.mode=webhook",
                "lightbox.public-url=https://photos.example.test").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure())).contains("LIGHTBOX_TELEGRAM_WEBHOOK_SECRET").doesNotContain(TelegramBotTest.TOKEN);
                });
        bot.withPropertyValues("lightbox.telegram.bot-token=" + TelegramBotTest.TOKEN, "lightbox.telegram.mode=webhook",
                "lightbox.telegram.webhook-secret=webhook-Secret_0123456789abcdef").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure())).contains("LIGHTBOX_TELEGRAM_WEBHOOK_URL");
                });
        bot.withPropertyValues("lightbox.telegram.bot-token=" + TelegramBotTest.TOKEN, "lightbox.telegram.mode=webhook",
                "lightbox.telegram.webhook-secret=webhook-Secret_0123456789abcdef", "lightbox.public-url=https://photos.example.test")
                .run(context -> assertThat(context).as("a secret and an address are enough").hasNotFailed());
    }

    @Test
    void aTokenThatIsNoBotTokenOrAnApiUrlThatIsNoUrlIsRefused() {
        bot.withPropertyValues("lightbox.telegram.bot-token=hello").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("LIGHTBOX_TELEGRAM_BOT_TOKEN").doesNotContain("=hello");
        });
        bot.withPropertyValues("lightbox.telegram.bot-token=" + TelegramBotTest.TOKEN, "lightbox.telegram.api-url=ftp://example.test").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("LIGHTBOX_TELEGRAM_API_URL");
        });
        bot.withPropertyValues("lightbox.telegram.bot-token=" + TelegramBotTest.TOKEN, "lightbox.telegram.api-url=http://127.0.0.1:9")
                .run(context -> assertThat(context).as("a bot token and an http address are enough").hasNotFailed());
    }
}

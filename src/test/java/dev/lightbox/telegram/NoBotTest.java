package dev.lightbox.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.IntegrationTest;
import dev.lightbox.telegram.service.BotApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/** Without LIGHTBOX_TELEGRAM_BOT_TOKEN nothing of the bot runs, and its API says so. */
class NoBotTest extends IntegrationTest {

    @Autowired
    ObjectProvider<BotApi> bot;

    @Test
    void withoutATokenThereIsNoBotAndLinkingAnswers404() {
        assertThat(bot.getIfAvailable()).isNull();
        var user = api().newUser();
        var link = api().post("/api/v1/telegram/link", "", user.token());
        assertThat(link.status()).isEqualTo(404);
        assertThat(link.contentType()).contains("application/problem+json");
        assertThat(link.detail()).contains("LIGHTBOX_TELEGRAM_BOT_TOKEN");
        assertThat(api().get("/api/v1/telegram", user.token()).json().get("linked").asBoolean()).isFalse();
        assertThat(api().post("/api/v1/telegram/webhook", "{}").status()).isEqualTo(404);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().startsWith("telegram-"));
    }
}

package dev.lightbox.telegram.service;

import dev.lightbox.telegram.TelegramProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** The Bot API client and the rate-limited sender, when a bot token is set. */
@Configuration(proxyBeanMethods = false)
@Conditional(BotConfigured.class)
class TelegramBotConfiguration {

    @Bean
    BotApi botApi(TelegramProperties settings) {
        return new BotApi(settings);
    }

    @Bean(destroyMethod = "close")
    BotSender botSender(BotApi api) {
        return new BotSender(api);
    }
}

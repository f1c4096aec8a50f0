package dev.lightbox.telegram.service;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** The bot's beans exist only when {@code LIGHTBOX_TELEGRAM_BOT_TOKEN} is set (to something other than blanks). */
class BotConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty("lightbox.telegram.bot-token"));
    }
}

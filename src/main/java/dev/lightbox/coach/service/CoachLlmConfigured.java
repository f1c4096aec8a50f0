package dev.lightbox.coach.service;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** True when {@code lightbox.coach.llm.url} has a non-blank value: only then is there a {@link CoachLlm} bean. */
class CoachLlmConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return configured(context.getEnvironment());
    }

    static boolean configured(Environment environment) {
        return StringUtils.hasText(environment.getProperty("lightbox.coach.llm.url"));
    }
}

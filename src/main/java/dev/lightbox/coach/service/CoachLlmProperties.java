package dev.lightbox.coach.service;

import dev.lightbox.base.BaseUrls;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code LIGHTBOX_COACH_LLM_*}: an OpenAI-compatible chat-completions server's base URL including {@code /v1} (unset or
 * empty: the coach answers from its rules only and nothing leaves the server), the model, its API key (unset: no
 * Authorization header; never logged) and how long one answer may take in all, every tool round included.
 */
@ConfigurationProperties("lightbox.coach.llm")
public record CoachLlmProperties(@Nullable String url, @Nullable String model, @Nullable String apiKey, Duration timeout) {

    @SuppressWarnings("NullAway") // Spring binds an absent setting as null; the defaults are filled in here
    public CoachLlmProperties {
        if (url != null && url.isBlank()) url = null;
        if (model != null && model.isBlank()) model = null;
        if (apiKey != null && apiKey.isBlank()) apiKey = null;
        if (timeout == null) timeout = Duration.ofSeconds(60);
    }

    /** Why these settings cannot work, in one sentence, or null when they can. Checked when the LLM path is built. */
    public @Nullable String problem() {
        if (url == null) return null;
        String urlProblem = BaseUrls.problem("LIGHTBOX_COACH_LLM_URL", url);
        if (urlProblem != null) return urlProblem;
        if (model == null) return "LIGHTBOX_COACH_LLM_URL is set but LIGHTBOX_COACH_LLM_MODEL is not: name the model the server should use.";
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            return "LIGHTBOX_COACH_LLM_TIMEOUT must be between 100ms and 10m, not " + timeout;
        }
        return null;
    }

    /** The settings with the API key masked (a record's own toString would print it). */
    @Override
    public String toString() {
        return "CoachLlmProperties[url=" + (url == null ? null : "set") + ", model=" + model + ", apiKey=" + (apiKey == null ? null : "***")
                + ", timeout=" + timeout + "]";
    }
}

package dev.lightbox.vision;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code LIGHTBOX_VISION_*}: an OpenAI-compatible chat-completions server's base URL including {@code /v1}
 * (unset: no provider, nothing leaves the box), the model to ask, its API key (unset: no Authorization header,
 * as Ollama and LM Studio expect), and how long one describe call may take in all, the client's retry included.
 */
@ConfigurationProperties("lightbox.vision")
public record VisionProperties(@Nullable String url, @Nullable String model, @Nullable String apiKey, Duration timeout) {

    @SuppressWarnings("NullAway") // Spring binds an absent setting as null; the defaults are filled in here
    public VisionProperties {
        if (url != null && url.isBlank()) url = null;
        if (model != null && model.isBlank()) model = null;
        if (apiKey != null && apiKey.isBlank()) apiKey = null;
        if (timeout == null) timeout = Duration.ofSeconds(60);
    }

    public boolean enabled() {
        return url != null;
    }

    /**
     * Why these settings cannot work, in one sentence, or null when they can (or the provider is off).
     * Checked at startup: a provider that is half set up stops the app rather than failing every describe.
     */
    public @Nullable String problem() {
        if (url == null) return null;
        String urlProblem = dev.lightbox.base.BaseUrls.problem("LIGHTBOX_VISION_URL", url);
        if (urlProblem != null) return urlProblem;
        if (model == null) {
            return "LIGHTBOX_VISION_URL is set but LIGHTBOX_VISION_MODEL is not: name the model the server should use (e.g. qwen2.5vl:7b).";
        }
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            return "LIGHTBOX_VISION_TIMEOUT must be between 1s and 10m, not " + timeout;
        }
        return null;
    }

    /** The base URL without a trailing slash; only call when {@link #enabled()}. */
    public String requireUrl() {
        if (url == null) throw new IllegalStateException("no vision provider is configured");
        String u = url.strip();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /** The model; only call when {@link #enabled()} and {@link #problem()} is null. */
    public String requireModel() {
        if (model == null) throw new IllegalStateException("no vision model is configured");
        return model.strip();
    }
}

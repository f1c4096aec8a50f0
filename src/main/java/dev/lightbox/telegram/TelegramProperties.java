package dev.lightbox.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code LIGHTBOX_TELEGRAM_*}: the bot token (unset: no bot), {@code MODE} polling or webhook, the Bot API base
 * URL (API calls and file downloads), the webhook URL and secret, how long one getUpdates call waits, and the
 * bounds of one file download. A setting that cannot work stops startup with one sentence.
 */
@ConfigurationProperties("lightbox.telegram")
public record TelegramProperties(@Nullable String botToken, Mode mode, URI apiUrl, @Nullable URI webhookUrl,
                                 @Nullable String webhookSecret, Duration pollTimeout, Duration downloadTimeout) {

    public enum Mode { POLLING, WEBHOOK }

    /** What the Bot API accepts as {@code secret_token}. */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{16,256}");
    /** Bot tokens are {@code <digits>:<letters, digits, _ and ->}. */
    private static final Pattern TOKEN = Pattern.compile("\\d{1,20}:[A-Za-z0-9_-]{20,100}");

    @SuppressWarnings("NullAway") // Spring binds an absent setting as null; the defaults are filled in here
    public TelegramProperties {
        if (botToken != null && botToken.isBlank()) botToken = null;
        if (mode == null) mode = Mode.POLLING;
        if (apiUrl == null) apiUrl = URI.create("https://api.telegram.org");
        if (pollTimeout == null) pollTimeout = Duration.ofSeconds(25);
        if (downloadTimeout == null) downloadTimeout = Duration.ofSeconds(60);
        if (webhookSecret != null && webhookSecret.isBlank()) webhookSecret = null;
        if (botToken != null) check(botToken, mode, apiUrl, webhookSecret, pollTimeout, downloadTimeout);
    }

    private static void check(String botToken, Mode mode, URI apiUrl, @Nullable String webhookSecret, Duration pollTimeout, Duration downloadTimeout) {
        if (!TOKEN.matcher(botToken).matches()) {
            throw new IllegalArgumentException("LIGHTBOX_TELEGRAM_BOT_TOKEN does not look like a bot token from @BotFather (digits, a colon, then letters)");
        }
        String scheme = apiUrl.getScheme() == null ? "" : apiUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || apiUrl.getHost() == null) {
            throw new IllegalArgumentException("LIGHTBOX_TELEGRAM_API_URL must be an http(s)://host[:port] URL, not " + apiUrl);
        }
        if (mode == Mode.WEBHOOK && (webhookSecret == null || !SECRET.matcher(webhookSecret).matches())) {
            throw new IllegalArgumentException("LIGHTBOX_TELEGRAM_MODE=webhook needs LIGHTBOX_TELEGRAM_WEBHOOK_SECRET: 16 to 256 characters of A-Z, a-z, 0-9, _ and -");
        }
        if (pollTimeout.isNegative() || pollTimeout.compareTo(Duration.ofSeconds(50)) > 0) {
            throw new IllegalArgumentException("LIGHTBOX_TELEGRAM_POLL_TIMEOUT must be between 0s and 50s, not " + pollTimeout);
        }
        if (downloadTimeout.compareTo(Duration.ofSeconds(1)) < 0 || downloadTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("LIGHTBOX_TELEGRAM_DOWNLOAD_TIMEOUT must be between 1s and 10m, not " + downloadTimeout);
        }
    }

    public boolean enabled() {
        return botToken != null;
    }

    /** The token; only call when {@link #enabled()}. */
    public String requireToken() {
        if (botToken == null) throw new IllegalStateException("no Telegram bot token is set");
        return botToken;
    }

    /** The base URL without a trailing slash. */
    public String apiBase() {
        String base = apiUrl.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public String toString() {
        return "TelegramProperties[botToken=" + (botToken == null ? "unset" : "(set)") + ", mode=" + mode + ", apiUrl=" + apiUrl
                + ", webhookUrl=" + webhookUrl + ", webhookSecret=" + (webhookSecret == null ? "unset" : "(set)") + "]";
    }
}

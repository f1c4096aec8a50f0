package dev.lightbox.base;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Checks a setting that holds a remote server's {@code http(s)://host[:port]/v1} base URL (the vision and coach models).
 * The messages never repeat the value: it may hold a credential, and they end up in the startup log.
 */
public final class BaseUrls {

    private BaseUrls() {
    }

    /** Why {@code url} (the value of {@code setting}) is not such a URL, in one sentence, or null when it is. */
    public static @Nullable String problem(String setting, String url) {
        URI parsed;
        try {
            parsed = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            String reason = e.getCause() instanceof URISyntaxException syntax ? syntax.getReason() + " at index " + syntax.getIndex() : "malformed";
            return setting + " is not a URL (" + reason + ").";
        }
        if (parsed.getRawUserInfo() != null) {
            return setting + " must not contain a user or password (user:password@): give the API key in its own setting.";
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || parsed.getHost() == null) {
            return setting + " must be an http(s)://host[:port]/v1 base URL.";
        }
        return null;
    }
}

package dev.lightbox.library.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque page cursors the library hands out (and its rankings): the keyset position's parts joined by
 * '|', base64url without padding. Only the issuer knows what the parts mean.
 */
public final class KeysetCursor {

    private KeysetCursor() {
    }

    public static String encode(Object... parts) {
        var joined = new StringBuilder();
        for (Object part : parts) {
            if (!joined.isEmpty()) joined.append('|');
            joined.append(part);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code count} parts of a cursor, or empty when the text is not a cursor of that shape. */
    public static Optional<String[]> decode(String cursor, int count) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return parts.length == count ? Optional.of(parts) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}

package dev.lightbox.library.service;

import java.text.Normalizer;
import org.jspecify.annotations.Nullable;

/**
 * A client's file name made safe to keep and show: the last path segment only, NFC-normalised, without
 * control characters (a NUL or a line break can reach us through a multipart header), at most 255 characters.
 */
public final class FileNames {

    private FileNames() {
    }

    public static @Nullable String clean(@Nullable String name) {
        if (name == null) return null;
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        base = Normalizer.normalize(base, Normalizer.Form.NFC).codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT && Character.isDefined(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString().strip();
        if (base.isEmpty()) return null;
        return base.codePointCount(0, base.length()) > 255 ? base.substring(0, base.offsetByCodePoints(0, 255)) : base;
    }
}

package dev.lightbox.data.export.service;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** RFC 4180 rows: a field with a comma, quote or line break is quoted, quotes doubled; null is empty. */
final class Csv {

    private Csv() {
    }

    static void row(Writer out, List<? extends @Nullable Object> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) out.write(',');
            Object field = fields.get(i);
            out.write(field == null ? "" : field(String.valueOf(field)));
        }
        out.write("\r\n");
    }

    static String field(String text) {
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        if (!quote) return text;
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
